"""Stage 1, load: content files -> typed documents with the line and column of every field.

`yaml_source` reads one file strictly (bytes -> values + locations), `schema_check` turns a
read document into its pydantic model or located problems, `loader` walks content/ and
site_config/ and gives a `LoadedContent`. Only this stage reads content files from disk.
"""
