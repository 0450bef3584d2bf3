"""Tools around the pipeline for clerks and CI: the command line, scaffolds of new files,
editor schemas, CODEOWNERS, the content diff between two revisions."""
