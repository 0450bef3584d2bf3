from generator.pipeline import check
from tests.conftest import ROOT, TEST_DATE


def test_shipped_content_is_valid():
    content, problems = check(ROOT / "content", ROOT / "site_config", TEST_DATE)
    assert content is not None, "\n".join(p.text() for p in problems)


def test_shipped_site_builds(shipped_site):
    assert (shipped_site / "index.html").is_file()
