"""Synthetic content at scale: `make_content(dir, items=1000, guides=5000)`.

Writes `dir/content/` (departments, one edition, service items, guides, a few model
texts and bulletins, an everyday vocabulary of 7 words a permit item) and
`dir/site_config/site.yaml`, all valid for `qingdan check`.
The text is assembled from a vocabulary of real administrative phrases, so names,
conditions and materials have the spread of distinct characters and bigrams of
real guides (an index of repeated lorem text would be misleadingly small).
Deterministic: the same arguments always give the same files.

    python -m bench.synthetic OUT_DIR [ITEMS] [GUIDES]
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

import yaml

SUBJECTS = (
    "食品", "药品", "医疗器械", "化妆品", "特种设备", "危险化学品", "烟花爆竹", "建筑施工", "道路运输",
    "水路运输", "出租汽车", "渔业捕捞", "农作物种子", "农药", "兽药", "饲料", "林木种苗", "野生动物",
    "文物", "娱乐场所", "互联网上网服务", "出版物", "印刷", "广播电视", "电影放映", "旅行社", "体育经营",
    "民办学校", "职业培训", "人力资源服务", "劳务派遣", "养老机构", "殡葬服务", "燃气经营", "供水",
    "排污", "取水", "河道采砂", "建设用地", "城市道路挖掘", "户外广告", "建筑垃圾", "餐厨垃圾",
    "生猪屠宰", "动物诊疗", "动物防疫", "医疗机构", "放射诊疗", "消毒产品", "公共场所卫生", "母婴保健",
    "烟草专卖", "成品油零售", "报废机动车回收", "再生资源回收", "典当", "融资担保", "小额贷款",
    "保安服务", "公章刻制", "旅馆业", "民用爆炸物品", "无线电台", "测绘", "地质勘查", "采矿",
    "港口经营", "船舶检验", "机动车维修", "驾驶员培训", "危险货物运输", "客运站", "网络预约出租汽车",
)
ACTIONS = ("生产", "经营", "销售", "零售", "批发", "运输", "储存", "使用", "进口", "维修", "安装", "设立",
           "开办", "举办", "改建", "扩建", "占用", "设置", "从事", "提供")
OBJECTS = ("许可", "许可证核发", "备案", "登记", "审批", "核准", "许可证变更", "许可证延续", "许可证注销",
           "资质认定", "资格认定", "验收", "审查", "批准")
QUALIFIERS = ("（县级）", "（县级初审）", "（委托县级实施）", "（新办）", "（变更）", "（延续）", "（注销）",
              "（补证）", "（非生物制品类）", "（限制类除外）", "（含连锁门店）", "")
CONDITION_PARTS = (
    "申请人应当具有与{s}{a}相适应的场所、设施设备和专业技术人员",
    "有健全的{s}安全管理制度和岗位责任制度，主要负责人经安全培训合格",
    "法定代表人、主要负责人无法律法规规定的禁止从业情形",
    "{s}{a}场所与有毒、有害场所以及其他污染源保持规定的距离",
    "具有保证{s}质量安全的检验检测能力或者委托具有资质的检验机构检验",
    "申请事项符合国土空间规划、产业政策和生态环境保护要求",
    "有依法经过资格认定的技术负责人和质量负责人，并配备必要的管理人员",
    "具有能够实现{s}追溯的计算机信息管理系统",
    "有符合国家标准、行业标准的{s}{a}设备和应急处置设施",
    "近三年内未因违反{s}管理法律法规受到吊销许可证的行政处罚",
    "申请材料真实、完整、有效，并对材料的真实性作出书面承诺",
    "营业场所面积、布局和仓储条件满足{s}{a}的要求",
)
MATERIALS = (
    "{s}{a}{o}申请书", "营业执照或者其他主体资格证明文件", "法定代表人身份证明", "场所使用证明",
    "场所平面布置图和周边环境示意图", "主要设备设施清单", "专业技术人员资格证明", "安全管理制度文本",
    "质量管理制度文件目录", "授权委托书及受托人身份证明", "检验检测报告", "环境影响评价文件",
    "消防安全检查意见书", "承诺书", "原许可证正本和副本", "变更事项的证明材料",
)
SUMMARY = ("在{county}{a}{s}，应当依法取得{s}{a}{o}。申请人可以通过广东政务服务网在线申请，也可以到县政务服务中心"
           "窗口提交材料；材料齐全、符合法定形式的当场受理，需要现场核查的由实施部门组织核查。")
FAQ = (("办理{s}{a}{o}需要现场核查吗？", "需要对{s}{a}场所进行现场核查的，实施部门在受理后五个工作日内组织核查，"
        "核查时间不计入承诺时限。"),
       ("{s}{o}可以全程网办吗？", "可以在广东政务服务网提交申请和材料，审批结果可以邮寄送达，实现零跑动。"))
SECTORS = ("农、林、牧、渔业", "采矿业", "制造业", "电力、热力、燃气及水生产和供应业", "建筑业", "批发和零售业",
           "交通运输、仓储和邮政业", "住宿和餐饮业", "信息传输、软件和信息技术服务业", "金融业",
           "租赁和商务服务业", "水利、环境和公共设施管理业", "教育", "卫生和社会工作", "文化、体育和娱乐业")
AUTHORITIES = ("县级实施", "市级实施县级受理", "省级实施", "县级初审、市级审批")
DEPARTMENTS = (
    ("fgj", "发展改革局", "发展和改革局"), ("scjgj", "市场监管局", "市场监督管理局"),
    ("zsj", "政务和数据局", "政务服务和数据管理局"), ("swj", "商务局", "商务局"),
    ("jtysj", "交通运输局", "交通运输局"), ("nyncj", "农业农村局", "农业农村局"),
    ("wsjkj", "卫生健康局", "卫生健康局"), ("yjglj", "应急管理局", "应急管理局"),
    ("zrzyj", "自然资源局", "自然资源局"), ("zjj", "住房城乡建设局", "住房和城乡建设局"),
    ("sthj", "生态环境分局", "生态环境分局"), ("slj", "水务局", "水务局"), ("wglj", "文化广电旅游体育局",
    "文化广电旅游体育局"), ("gaj", "公安局", "公安局"), ("jyj", "教育局", "教育局"),
    ("mzj", "民政局", "民政局"), ("rsj", "人力资源社会保障局", "人力资源和社会保障局"),
    ("ycj", "烟草专卖局", "烟草专卖局"), ("lyj", "林业局", "林业局"), ("hyj", "海洋渔业局", "海洋与渔业局"),
)
COUNTY = "阳西县"
EDITION = "2025"


def _dump(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def _fill(template: str, s: str, a: str, o: str) -> str:
    return template.format(s=s, a=a, o=o, county=COUNTY)


def _departments() -> list[dict]:
    return [{"id": i, "name": f"县{short}", "full_name": f"{COUNTY}{full}", "short_name": short,
             "working_group": True, "role": f"成员单位：负责{short}职责范围内的市场准入事项",
             "team": f"@yangxi-gov/{i}", "sample": True} for i, short, full in DEPARTMENTS]


def _site() -> dict:
    return {
        "county": COUNTY, "site_name": f"{COUNTY}市场准入负面清单公开平台（合成数据）",
        "description": "合成数据，用于规模测试。", "office": "fgj", "current_edition": EDITION,
        "contact": "合成数据", "filings": {"site_code": "0000000000", "icp": "合成", "icp_url": "https://beian.miit.gov.cn/",
                                         "organiser": "合成数据"},
        "complaint": {"name": "投诉渠道（合成）", "hotline": "0662-0000000", "email": "x@example.cn",
                      "address": "合成地址", "process": ["登记", "转办", "反馈"]},
    }


# Everyday words are the shipped base vocabulary's (real words, real lengths) plus shop
# words made from the item's subject, so most words are distinct, as a county's would be.
SHOPS = ("店", "铺", "厂", "公司", "门市", "作坊", "站", "馆", "中心", "行")


def _vocabulary(rng: random.Random, permits: list[dict]) -> dict:
    base = yaml.safe_load((Path(__file__).resolve().parent.parent / "content" / "vocabulary" / "base.yaml")
                          .read_text(encoding="utf-8"))["vocabulary"]["items"]
    pool = sorted({w for words in base.values() for w in words})
    items = {}
    for item in permits:
        subject = item["name"].split("不得", 1)[1].split("（", 1)[0]
        words = rng.sample(pool, 4) + [subject[-4:] + shop for shop in rng.sample(SHOPS, 3)]
        items[item["code"]] = list(dict.fromkeys(words))
    return {"vocabulary": {"scope": "county", "items": items}}


def make_content(directory: Path | str, items: int = 1000, guides: int = 5000, seed: int = 4) -> Path:
    """Write synthetic content and site_config under `directory`; returns it."""
    root = Path(directory)
    rng = random.Random(seed)
    depts = [d[0] for d in DEPARTMENTS]
    _dump(root / "content" / "departments.yaml", {"departments": _departments()})
    _dump(root / "site_config" / "site.yaml", _site())

    list_items, names = [], set()
    for n in range(items):
        s, a, o = rng.choice(SUBJECTS), rng.choice(ACTIONS), rng.choice(OBJECTS)
        prohibited = n % 10 == 0
        name = (f"禁止违规{a}{s}" if prohibited else f"未获得许可，不得{a}{s}") + f"（第{n + 1}项）"
        names.add(name)
        measures = [{"text": _fill("{s}{a}{o}", s, a, rng.choice(OBJECTS))
                     + rng.choice(QUALIFIERS), "code": f"{2 if not prohibited else 1}{n + 1:05d}"}]
        measures += [{"text": _fill(rng.choice(CONDITION_PARTS), rng.choice(SUBJECTS), a, o)}
                     for _ in range(rng.randint(0, 2))]
        item = {"number": n + 1, "code": f"{1 if prohibited else 2}{n + 1:05d}", "name": name,
                "category": "禁止准入类" if prohibited else "许可准入类", "measures": measures,
                "authorities": [f"国家{s}主管部门"], "responsible_units": rng.sample(depts, rng.randint(1, 2)),
                "management_authority": rng.choice(AUTHORITIES), "sample": True}
        if not prohibited:
            item["sector"] = rng.choice(SECTORS)
            item["conditions"] = [_fill(rng.choice(CONDITION_PARTS), s, a, o)]
        list_items.append(item)
    _dump(root / "content" / "editions" / f"{EDITION}.yaml", {
        "edition": {"id": EDITION, "title": "市场准入负面清单（2025年版，合成）", "published": dt.date(2025, 4, 24)},
        "items": list_items})

    permits = [i for i in list_items if i["category"] == "许可准入类"]
    _dump(root / "content" / "vocabulary" / "synthetic.yaml", _vocabulary(rng, permits))

    by_dept: dict[str, list[dict]] = {d: [] for d in depts}
    for n in range(guides):
        item = permits[n % len(permits)]
        dept = item["responsible_units"][0]
        s, a, o = rng.choice(SUBJECTS), rng.choice(ACTIONS), rng.choice(OBJECTS)
        basic = f"{441700 + n // 1000:06d}{n % 1000:03d}000"
        service = {"basic_code": basic, "implementation_code": f"11441721MB2C{depts.index(dept):04d}XX4{basic}",
                   "name": _fill("{s}{a}{o}", s, a, o) + rng.choice(QUALIFIERS) + f"（{n + 1}）",
                   "type": "01", "department": dept, "list_items": [item["code"]],
                   "power_list_code": f"XK-{dept.upper()}-{n + 1:05d}", "license_item_code": f"XK2022-{n + 1:05d}",
                   "sample": True}
        by_dept[dept].append(service)
        level = rng.choice(["不可网办", "网上可办", "全程网办"])
        legal = rng.choice([10, 15, 20, 30])
        guide = {
            "service_item": basic, "department": dept, "summary": _fill(SUMMARY, s, a, o),
            "service_objects": rng.sample(["企业法人", "个体工商户", "非法人企业", "事业单位法人", "自然人"], 2),
            "case_type": "承诺件",
            "conditions": [_fill(c, s, a, o) for c in rng.sample(CONDITION_PARTS, rng.randint(3, 6))],
            "materials": [{"name": _fill(mt, s, a, o), "form": "纸质或电子", "copies": 1, "original": True,
                           "required": True, "source": "申请人自备"}
                          for mt in rng.sample(MATERIALS, rng.randint(4, 8))],
            "steps": [{"name": step} for step in ("申请", "受理", "审查", "决定", "送达")],
            "legal_time_limit": {"value": legal, "unit": "工作日"},
            "promised_time_limit": {"value": legal // 2, "unit": "工作日"},
            "fees": {"charged": False}, "handling_forms": ["窗口办理", "网上办理"],
            "online": {"level": level, **({"url": f"https://www.gdzwfw.gov.cn/guide/{basic}"}
                                          if level != "不可网办" else {})},
            "visits": 0 if level == "全程网办" else 1,
            "office": {"name": f"{COUNTY}政务服务中心综合窗口", "address": f"{COUNTY}织䇲镇人民路（合成地址）",
                       "hours": "周一至周五 8:30-12:00，14:30-17:30"},
            "phones": {"enquiry": ["0662-5510000"], "complaint": ["12345"]},
            "legal_basis": [f"《{s}管理条例》第{rng.randint(5, 60)}条"],
            "result": _fill("{s}{o}决定书", s, a, o),
            "faq": [{"question": _fill(q, s, a, o), "answer": _fill(ans, s, a, o)} for q, ans in FAQ],
            "reviewed": {"date": dt.date(2025, 8, 1), "edition": EDITION}, "sample": True,
        }
        _dump(root / "content" / "guides" / dept / f"{basic}.yaml", guide)
    for dept, services in by_dept.items():
        if services:
            _dump(root / "content" / "service-items" / f"{dept}.yaml", {"service_items": services})
    return root


if __name__ == "__main__":
    out = make_content(Path(sys.argv[1]), *(int(a) for a in sys.argv[2:4]))
    print(out)
