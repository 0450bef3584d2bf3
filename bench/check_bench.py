"""Load + validate throughput on synthetic content (a benchmark, not a test).

Writes N valid guide files (default 5,000; each about as long as a shipped guide:
conditions, six materials, five steps, fees, office, phones, FAQ) plus the service
items they belong to, on top of the small fixture tests/fixtures/loader_base, into a
temporary directory. Then times `load_content` (read + strict YAML + schema) and
`build_content` (cross-file checks) in this process, on one core, best of a few
runs, and reports guide files per second. It also times `qingdan check` on the
shipped content, the figure the README promises to keep under 2 s.

    python -m bench.check_bench [--guides 5000] [--runs 3] [--profile] [--keep DIR]
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "fixtures" / "loader_base"
AS_OF = dt.date(2025, 11, 20)
DEPARTMENTS = ("fgj", "scjgj")
PER_SERVICE_FILE = 500


def basic_code(n: int) -> str:
    return f"4417{n:08d}"


def service_items_file(start: int, stop: int, department: str) -> str:
    lines = ["service_items:"]
    for n in range(start, stop):
        code = basic_code(n)
        lines += [
            f'  - basic_code: "{code}"',
            f'    implementation_code: "11441721MB2C58302X4{code}"',
            f"    name: 合成事项第{n}号许可",
            '    type: "01"',
            f"    department: {department}",
            '    list_items: ["206001"]',
            f'    power_list_code: "XK-{n:05d}"',
            f'    license_item_code: "XK2022-{n:05d}"',
        ]
    return "\n".join(lines) + "\n"


def guide_file(n: int, department: str) -> str:
    materials = []
    for m in range(6):
        materials += [
            f"  - name: 合成材料{m}（第{n}号事项）",
            "    form: 纸质或电子",
            "    copies: 1",
            f"    original: {'true' if m % 2 else 'false'}",
            "    required: true",
            "    source: 申请人自备",
            "    notes: 复印件须加盖公章，并注明“与原件一致”。",
        ]
    steps = []
    for name, limit in (("申请", "申请人自定"), ("受理", "即时"), ("审查", "5 个工作日"),
                        ("决定", "3 个工作日"), ("送达", "1 个工作日")):
        steps += [f"  - name: {name}", f"    description: {name}环节：按规定办理第{n}号事项。",
                  f"    time_limit: {limit}"]
    return "\n".join([
        "# yaml-language-server: $schema=../../schemas/guide.schema.json",
        f'service_item: "{basic_code(n)}"',
        f"department: {department}",
        f"summary: 在测试县从事第{n}号合成经营活动的，应当依法取得许可；可网上申请，也可到政务服务中心窗口办理。",
        "service_objects:",
        "  - 企业法人",
        "  - 个体工商户",
        "case_type: 承诺件",
        "conditions:",
        "  - 具有与经营规模相适应的场所、设施设备和专业技术人员",
        "  - 有健全的安全管理制度和岗位责任制度",
        "  - 法定代表人、主要负责人无法律法规规定的禁止从业情形",
        "  - 申请材料真实、完整、有效",
        "materials:",
        *materials,
        "steps:",
        *steps,
        "legal_time_limit:",
        "  value: 20",
        "  unit: 工作日",
        "promised_time_limit:",
        "  value: 10",
        "  unit: 工作日",
        "fees:",
        "  charged: false",
        "handling_forms:",
        "  - 窗口办理",
        "  - 网上办理",
        "online:",
        "  level: 网上可办",
        f"  url: https://www.gdzwfw.gov.cn/portal/guide/{basic_code(n)}",
        "visits: 1",
        "office:",
        "  name: 测试县政务服务中心综合窗口",
        "  address: 测试县人民路 2 号政务服务中心一楼",
        "  hours: 周一至周五 8:30-12:00，14:30-17:30（法定节假日除外）",
        "phones:",
        '  enquiry: ["0662-0000001"]',
        '  complaint: ["12345"]',
        "legal_basis:",
        "  - 《中华人民共和国行政许可法》",
        f"  - 《合成条例》第{n % 50 + 1}条",
        "result: 许可证",
        "faq:",
        "  - question: 可以网上申请吗？",
        "    answer: 可以，登录广东政务服务网办理。",
        "  - question: 多久能拿到证？",
        "    answer: 受理后 10 个工作日内作出决定。",
        'reviewed: {date: 2025-06-01, edition: "2025"}',
    ]) + "\n"


def make_content(target: Path, guides: int) -> Path:
    """The fixture plus `guides` guides and their service items; returns `target`."""
    shutil.copytree(BASE, target, dirs_exist_ok=True)
    for start in range(0, guides, PER_SERVICE_FILE):
        stop = min(start + PER_SERVICE_FILE, guides)
        department = DEPARTMENTS[(start // PER_SERVICE_FILE) % len(DEPARTMENTS)]
        path = target / "content" / "service-items" / f"synthetic-{start // PER_SERVICE_FILE:03d}.yaml"
        path.write_text(service_items_file(start, stop, department), encoding="utf-8")
        folder = target / "content" / "guides" / department / f"batch-{start // PER_SERVICE_FILE:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        for n in range(start, stop):
            (folder / f"{n:05d}.yaml").write_text(guide_file(n, department), encoding="utf-8")
    return target


def time_check(root: Path, runs: int) -> tuple[float, float, float, int, int]:
    """Best load and validate wall times and best CPU time of both over `runs`;
    also the number of files and of problems. CPU time is this process's own, so
    it is the one-core figure even on a busy machine."""
    from generator.load.loader import load_content
    from generator.validate.graph import build_content

    best_load = best_validate = best_cpu = float("inf")
    for _ in range(runs):
        cpu = time.process_time()
        started = time.perf_counter()
        loaded = load_content(root / "content", root / "site_config")
        loaded_at = time.perf_counter()
        content, problems = build_content(loaded, AS_OF)
        done = time.perf_counter()
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_load = min(best_load, loaded_at - started)
        best_validate = min(best_validate, done - loaded_at)
    errors = [p for p in problems if p.is_error]
    if content is None or errors:
        sys.exit("synthetic content is not valid:\n" + "\n".join(p.text() for p in errors[:20]))
    files = sum(len(v) for v in loaded.files.values()) + 1
    return best_load, best_validate, best_cpu, files, len(problems)


def time_shipped(runs: int) -> float:
    """Wall time of `qingdan check` on the shipped content, a fresh process each run (best of runs)."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "generator", "check", "--date", AS_OF.isoformat()], cwd=ROOT,
                       capture_output=True, check=False)
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guides", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="print the 25 costliest functions")
    parser.add_argument("--keep", type=Path, help="write the synthetic content here and keep it")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="qingdan-bench-") as scratch:
        root = make_content(args.keep or Path(scratch), args.guides)
        size = sum(p.stat().st_size for p in (root / "content" / "guides").rglob("*.yaml"))
        load, validate, cpu, files, warnings = time_check(root, args.runs)
        total = load + validate
        print(f"synthetic: {args.guides} guides ({size / args.guides / 1024:.1f} KiB each), {files} files in all")
        print(f"  load (read + strict YAML + schema): {load:.3f} s")
        print(f"  validate (cross-file checks):       {validate:.3f} s")
        print(f"  load + validate, wall:              {total:.3f} s  "
              f"= {args.guides / total:,.0f} guide files/s, {files / total:,.0f} files/s")
        print(f"  load + validate, CPU (one core):    {cpu:.3f} s  = {args.guides / cpu:,.0f} guide files/s")
        print(f"  warnings: {warnings}")
        if args.profile:
            from generator.load.loader import load_content
            from generator.validate.graph import build_content

            profiler = cProfile.Profile()
            profiler.enable()
            build_content(load_content(root / "content", root / "site_config"), AS_OF)
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
            print(out.getvalue())
    print(f"shipped content: `qingdan check` {time_shipped(args.runs):.2f} s wall (new process, best of {args.runs})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
