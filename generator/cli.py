"""Command line: a thin layer over the library.

    qingdan check [--content DIR] [--strict] [--format text|github|gitlab|json]
    qingdan build [--out DIR] [--date YYYY-MM-DD]
    qingdan serve [--dev-addr HOST:PORT]
    qingdan schemas [--out content/schemas] [--check]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import __version__
from .pipeline import DEFAULT_CONTENT, DEFAULT_SITE_CONFIG, check
from .problems import RENDERERS, errors, promote_warnings, warnings


def _add_content_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=DEFAULT_CONTENT, help="内容目录 / content directory")
    parser.add_argument("--site-config", type=Path, default=DEFAULT_SITE_CONFIG,
                        help="网站配置目录 / site configuration directory")
    parser.add_argument("--date", help="计算期限所依据的日期 / the 'as of' date (YYYY-MM-DD)")


def cmd_check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    content, problems = check(args.content, args.site_config, args.date)
    if args.strict:
        problems = promote_warnings(problems)
    output = RENDERERS[args.format](problems)
    if output and (args.format != "text" or problems):
        print(output)
    n_errors, n_warnings = len(errors(problems)), len(warnings(problems))
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


def cmd_build(args: argparse.Namespace) -> int:
    from .site import BuildFailed, build_site

    content, problems = check(args.content, args.site_config, args.date)
    if content is None:
        print(RENDERERS["text"](errors(problems)), file=sys.stderr)
        print("内容有错误，未生成网站，原网站保持不变 / content has errors: no site written, "
              "the previous site is unchanged", file=sys.stderr)
        return 1
    try:
        build_site(Path.cwd(), args.out, date=args.date, content_dir=args.content,
                   site_config_dir=args.site_config)
    except BuildFailed as exc:
        print(f"构建失败，原网站保持不变 / build failed, the previous site is unchanged:\n{exc}", file=sys.stderr)
        return 1
    print(f"网站已生成 / site written: {args.out}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    serve(config_file="mkdocs.yml", dev_addr=args.dev_addr, livereload=True)
    return 0


def cmd_schemas(args: argparse.Namespace) -> int:
    from . import schemas

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


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="qingdan", description="市场准入负面清单公开网站生成器 / Market Access Negative List site generator"
    )
    root.add_argument("--version", action="version", version=f"qingdan {__version__}")
    sub = root.add_subparsers(dest="command", required=True)

    p = sub.add_parser("check", help="检查内容文件 / validate the content")
    _add_content_args(p)
    p.add_argument("--strict", action="store_true", help="警告也视为错误 / warnings are fatal")
    p.add_argument("--format", choices=sorted(RENDERERS), default="text",
                   help="输出格式 / output format (github and gitlab give CI annotations)")
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("build", help="生成网站 / build the site")
    _add_content_args(p)
    p.add_argument("--out", type=Path, default=Path("site"), help="输出目录 / output directory")
    p.set_defaults(run=cmd_build)

    p = sub.add_parser("serve", help="本地预览 / preview locally with live reload")
    p.add_argument("--dev-addr", default="127.0.0.1:8000")
    p.set_defaults(run=cmd_serve)

    p = sub.add_parser("schemas", help="生成编辑器用的 JSON Schema / write the editors' JSON Schema files")
    p.add_argument("--out", type=Path, default=Path("content") / "schemas",
                   help="输出目录（相对于仓库根目录）/ output directory (relative to the repository root)")
    p.add_argument("--check", action="store_true",
                   help="只检查已提交的文件是否最新 / only check that the committed files are up to date")
    p.set_defaults(run=cmd_schemas)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
