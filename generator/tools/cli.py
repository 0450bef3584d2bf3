"""Command line: a thin layer over the library.

    qingdan check [--content DIR] [--strict] [--department ID] [--format text|github|gitlab|json]
    qingdan build [--out DIR] [--date YYYY-MM-DD] [--engine mkdocs|zensical] [--cache DIR]
    qingdan serve [--content DIR] [--site-config DIR] [--dev-addr HOST:PORT]
    qingdan schemas [--out content/schemas] [--check]
    qingdan codeowners [--check [--format text|github|gitlab|json]]
    qingdan diff BASE HEAD [--format markdown|text]
    qingdan new guide --service-item CODE | new case --bulletin ID | new model-text --department ID --id ID | new bundle --id ID
    qingdan import FILE.xlsx|FILE.csv --kind list|mapping [--edition ID] [--department ID] [--carry-from ID]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from generator import __version__
from generator.model.kinds import Kind
from generator.pipeline import DEFAULT_CONTENT, DEFAULT_SITE_CONFIG, check
from generator.problems import RENDERERS, errors, promote_warnings, warnings


def _add_content_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=DEFAULT_CONTENT, help="内容目录 / content directory")
    parser.add_argument("--site-config", type=Path, default=DEFAULT_SITE_CONFIG,
                        help="网站配置目录 / site configuration directory")
    parser.add_argument("--date", type=_as_of, help="计算期限所依据的日期 / the 'as of' date (YYYY-MM-DD)")


def _as_of(text: str) -> str:
    """--date as argparse checks it: a real date within the years content dates may take."""
    import datetime as dt

    from generator.model.types import FIRST_YEAR, LAST_YEAR

    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” 不是 YYYY-MM-DD 格式的日期 / '{text}' is not a date "
                                         "written YYYY-MM-DD") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(f"日期须在 {FIRST_YEAR} 年至 {LAST_YEAR} 年之间 / "
                                         f"the date must lie between {FIRST_YEAR} and {LAST_YEAR}")
    return text


def cmd_check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    content, problems = check(args.content, args.site_config, args.date)
    if args.strict:
        problems = promote_warnings(problems)
    others: list = []
    if args.department:
        unknown = _unknown_department(args, content)
        if unknown:
            print(unknown, file=sys.stderr)
            return 2
        from generator.tools.department_problems import split

        problems, others = split(problems, args.department, content, args.content.resolve().name)
    output = RENDERERS[args.format](problems)
    if output and (args.format != "text" or problems):
        print(output)
    n_errors, n_warnings = len(errors(problems)), len(warnings(problems))
    if args.format == "text" and args.department:
        n_other = len(errors(others))
        print(f"以上是 {args.department} 的问题（{n_errors} 个错误、{n_warnings} 个警告）；其他单位和公共文件另有 "
              f"{n_other} 个错误、{len(others) - n_other} 个警告（不加 --department 可全部列出）/ "
              f"above: the problems of {args.department}; others have {n_other} errors, "
              f"{len(others) - n_other} warnings (run without --department to list them)", file=sys.stderr)
    if args.format == "text":
        elapsed = time.perf_counter() - started
        if n_errors:
            print(f"发现 {n_errors} 个错误、{n_warnings} 个警告 / {n_errors} errors, {n_warnings} warnings",
                  file=sys.stderr)
        else:
            summary = ""
            if content is not None:
                summary = (f"：{len(content.current.items)} 个清单事项、{len(content.service_items)} 个政务服务事项、"
                           f"{len(content.guides)} 份办事指南")
            print(f"检查通过{summary}（{n_warnings} 个警告，{elapsed:.2f} 秒）/ "
                  f"check passed ({n_warnings} warnings, {elapsed:.2f} s)", file=sys.stderr)
    return 1 if n_errors else 0


def _unknown_department(args: argparse.Namespace, content) -> str | None:
    """The message for a --department id the departments file does not hold, else None."""
    from generator.load.clerk_hints import suggestion
    from generator.load.loader import load_content

    if content is not None:
        known = set(content.departments)
    else:
        files = load_content(args.content, args.site_config).files[Kind.DEPARTMENTS]
        known = {d.id for d in files[0].value.departments} if files else set()
    if not known or args.department in known:
        return None
    zh, en = suggestion(args.department, known)
    return f"没有单位 “{args.department}”{zh} / no department '{args.department}'{en}"


def _build_failed(exc: Exception) -> int:
    print(f"构建失败，原网站保持不变 / build failed, the previous site is unchanged:\n{exc}", file=sys.stderr)
    return 1


def cmd_build(args: argparse.Namespace) -> int:
    from generator.progress import Progress
    from generator.site.build import BuildFailed, build_site, checked, reuse_unchanged, site_inputs

    inputs = None
    if args.cache is not None and args.engine == "mkdocs":
        # Nothing read changed since the cached build: its site, without loading anything.
        inputs = site_inputs(Path.cwd(), args.content, args.site_config, args.date)
        try:
            unchanged = reuse_unchanged(Path(args.out).resolve(), Path(args.cache), inputs)
        except BuildFailed as exc:
            return _build_failed(exc)
        if unchanged is not None:
            print(f"{unchanged}（内容检查的警告与上次相同，可用 qingdan check 查看 / the check's warnings are "
                  f"those of the last build: qingdan check lists them)", file=sys.stderr)
            print(f"网站已生成 / site written: {args.out}", file=sys.stderr)
            return 0
    progress = Progress(stages=3)
    content, problems = checked(args.content, args.site_config, args.date, progress)
    if content is None:
        print(RENDERERS["text"](errors(problems)), file=sys.stderr)
        print("内容有错误，未生成网站，原网站保持不变 / content has errors: no site written, "
              "the previous site is unchanged", file=sys.stderr)
        return 1
    try:
        # The content checked above goes to the engine as it is: nothing is loaded twice.
        summary = build_site(Path.cwd(), args.out, date=args.date, content_dir=args.content,
                             site_config_dir=args.site_config, engine=args.engine, content=content,
                             progress=progress, cache_dir=args.cache, inputs=inputs)
    except BuildFailed as exc:
        return _build_failed(exc)
    if summary:
        print(summary, file=sys.stderr)
    print(f"网站已生成 / site written: {args.out}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.site.preview import serve

    return serve(Path.cwd(), args.content, args.site_config, args.date, args.dev_addr)


def cmd_schemas(args: argparse.Namespace) -> int:
    from generator.tools import editor_schemas as schemas

    if args.check:
        stale = schemas.stale(Path.cwd(), args.out)
        for path in stale:
            print(f"{path.as_posix()}: 与内容模型不一致 / out of date with the content model", file=sys.stderr)
        if stale:
            print("请运行 qingdan schemas 重新生成 / run `qingdan schemas` to regenerate them", file=sys.stderr)
        return 1 if stale else 0
    changed = schemas.write(Path.cwd(), args.out)
    print(f"已更新 {len(changed)} 个文件 / {len(changed)} file(s) updated"
          + "".join(f"\n  {path.as_posix()}" for path in changed), file=sys.stderr)
    return 0


def cmd_codeowners(args: argparse.Namespace) -> int:
    from generator.tools import codeowners

    if args.check:
        problems = codeowners.repository_problems(args.content, args.site_config)
        if problems:
            print(RENDERERS[args.format](problems))
        return 1 if errors(problems) else 0
    text, problems = codeowners.generate(args.content, args.site_config)
    if text is None:
        print(RENDERERS["text"](problems), file=sys.stderr)
        return 1
    target = codeowners.target_file(args.content.resolve().parent)
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    if current != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    print(f"{'已更新' if current != text else '无需更新'} / {'written' if current != text else 'up to date'}: "
          f"{target}", file=sys.stderr)
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from generator.tools import content_diff as diff

    repo = args.content.resolve().parent
    try:
        result = diff.diff_revisions(repo, args.base, args.head, args.content.resolve().name)
    except diff.GitError as exc:
        print(f"git 出错 / git failed: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(diff.RENDERERS[args.format](result))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from generator.load.loader import load_content
    from generator.tools import scaffold

    loaded = load_content(args.content, args.site_config)
    try:
        if args.kind == "guide":
            made = scaffold.new_guide(loaded, args.service_item)
        elif args.kind == "model-text":
            made = scaffold.new_model_text(loaded, args.department, args.id, args.service_item)
        elif args.kind == "bundle":
            made = scaffold.new_bundle(loaded, args.id)
        else:
            made = scaffold.new_case(loaded, args.bulletin)
    except scaffold.ScaffoldError as exc:
        print(exc, file=sys.stderr)
        return 1
    made.path.parent.mkdir(parents=True, exist_ok=True)
    with made.path.open("a" if made.append else "x", encoding="utf-8") as out:
        out.write(made.text)
    print(f"{'已追加到' if made.append else '已生成'} / {'appended to' if made.append else 'written'}: "
          f"{made.path}\n请填写其中的空白 \"\"，然后运行 qingdan check / fill in the blanks, then run qingdan check",
          file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from generator.tools import importer

    if not args.file.is_file():
        print(f"{args.file}: 文件不存在 / no such file", file=sys.stderr)
        return 1
    outcome, problems = importer.run(args.file, args.kind, args.content, args.site_config,
                                     edition=args.edition, department=args.department,
                                     carry_from=args.carry_from)
    if outcome is None:
        print(RENDERERS["text"](problems), file=sys.stderr)
        print(f"发现 {len(problems)} 个问题，未写入任何文件 / {len(problems)} problem(s): nothing written",
              file=sys.stderr)
        return 1
    for notice in outcome.notices:
        print(notice, file=sys.stderr)
    shown = "、".join
    lines = [f"新增 {len(outcome.added)} 项 / added: {shown(outcome.added) or '-'}",
             f"更新 {len(outcome.updated)} 项 / updated: {shown(outcome.updated) or '-'}"]
    if outcome.kept:
        lines.append(f"表格中没有、原样保留 {len(outcome.kept)} 项 / not in the sheet, kept as they were: "
                     f"{shown(outcome.kept)}")
    state = ("已写入 / written" if outcome.changed else "无需更改 / unchanged")
    print("\n".join(lines) + f"\n{state}: {outcome.path}\n请运行 qingdan check / now run qingdan check",
          file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="qingdan", description="市场准入负面清单公开网站生成器 / Market Access Negative List site generator"
    )
    root.add_argument("--version", action="version", version=f"qingdan {__version__}")
    sub = root.add_subparsers(dest="command", required=True)

    p = sub.add_parser("check", help="检查内容文件 / validate the content")
    _add_content_args(p)
    p.add_argument("--strict", action="store_true", help="警告也视为错误 / warnings are fatal")
    p.add_argument("--department", metavar="ID",
                   help="只列出本单位的问题，如 scjgj（其他单位的只计数）/ list only this department's problems")
    p.add_argument("--format", choices=sorted(RENDERERS), default="text",
                   help="输出格式 / output format (github and gitlab give CI annotations)")
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("build", help="生成网站 / build the site")
    _add_content_args(p)
    p.add_argument("--out", type=Path, default=Path("site"), help="输出目录 / output directory")
    p.add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs",
                   help="网站引擎 / site engine (Zensical reads the same mkdocs.yml)")
    p.add_argument("--cache", type=Path,
                   help="构建缓存目录：只重新生成有变化的页面 / build cache folder: rebuild only what changed "
                        "(MkDocs engine)")
    p.set_defaults(run=cmd_build)

    p = sub.add_parser("serve", help="本地预览，只重建有变化的部分 / preview locally, rebuilding only what changed")
    _add_content_args(p)
    p.add_argument("--dev-addr", default="127.0.0.1:8000")
    p.set_defaults(run=cmd_serve)

    p = sub.add_parser("schemas", help="生成编辑器用的 JSON Schema / write the editors' JSON Schema files")
    p.add_argument("--out", type=Path, default=Path("content") / "schemas",
                   help="输出目录（相对于仓库根目录）/ output directory (relative to the repository root)")
    p.add_argument("--check", action="store_true",
                   help="只检查已提交的文件是否最新 / only check that the committed files are up to date")
    p.set_defaults(run=cmd_schemas)

    p = sub.add_parser("codeowners", help="根据单位文件生成 CODEOWNERS / write CODEOWNERS from the departments file")
    _add_content_args(p)
    p.add_argument("--check", action="store_true",
                   help="只检查已提交的文件是否最新 / only check that the committed file is up to date")
    p.add_argument("--format", choices=sorted(RENDERERS), default="text",
                   help="--check 的输出格式 / output format of --check (github and gitlab give CI annotations)")
    p.set_defaults(run=cmd_codeowners)

    p = sub.add_parser("diff", help="两个 git 版本之间的内容变更 / content changes between two git revisions")
    p.add_argument("base", help="基准版本，如 origin/main / base revision")
    p.add_argument("head", help="新版本，如 HEAD / head revision")
    p.add_argument("--content", type=Path, default=DEFAULT_CONTENT, help="内容目录 / content directory")
    p.add_argument("--format", choices=["markdown", "text"], default="text",
                   help="输出格式 / output format (markdown for a CI job summary)")
    p.set_defaults(run=cmd_diff)

    p = sub.add_parser("new", help="生成待填写的新内容文件 / write the skeleton of a new content file")
    new = p.add_subparsers(dest="kind", required=True)
    q = new.add_parser("guide", help="办事指南 / a service guide")
    q.add_argument("--service-item", required=True, help="政务服务事项基本编码 / service item basic code")
    q = new.add_parser("case", help="违规案例 / a violation case")
    q.add_argument("--bulletin", required=True,
                   help="通报标识：已有则追加案例，没有则新建通报 / bulletin id (appended to, or created)")
    q = new.add_parser("model-text", help="示范文本 / a model text")
    q.add_argument("--department", required=True, help="单位标识 / department id")
    q.add_argument("--id", required=True, help="示范文本标识 / model text id")
    q.add_argument("--service-item", help="所属政务服务事项基本编码 / service item basic code")
    q = new.add_parser("bundle", help="一件事 / a bundle of permits for one thing to get done")
    q.add_argument("--id", required=True, help="一件事标识，如 restaurant / bundle id")
    for q in new.choices.values():
        _add_content_args(q)
    p.set_defaults(run=cmd_new)

    p = sub.add_parser("import", help="从表格导入清单或对应关系 / import the list or the mapping table from a spreadsheet")
    p.add_argument("file", type=Path, help="表格文件 / the spreadsheet (.xlsx or .csv, UTF-8)")
    p.add_argument("--kind", choices=("list", "mapping"), required=True,
                   help="list：清单表（写入 content/editions/ID.yaml）；mapping：对应关系表（写入 "
                        "content/service-items/单位.yaml）/ the list table or the mapping table")
    p.add_argument("--edition", help="清单版本标识，默认为现行版本 / edition id (default: the current edition)")
    p.add_argument("--department", help="对应关系所属单位标识（mapping 必填）/ department id (for --kind mapping)")
    p.add_argument("--carry-from", metavar="EDITION",
                   help="新版本中新出现的编码沿用该版本同一编码事项的县级字段（责任主体、任务分工等）/ "
                        "for a code new to this edition, start from the county's own fields of the same "
                        "code in EDITION")
    p.add_argument("--content", type=Path, default=DEFAULT_CONTENT, help="内容目录 / content directory")
    p.add_argument("--site-config", type=Path, default=DEFAULT_SITE_CONFIG,
                   help="网站配置目录 / site configuration directory")
    p.set_defaults(run=cmd_import)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
