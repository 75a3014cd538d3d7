"""The Weekly plan tab through the page's API: plan, tick, reopen, download the calendar."""

from pathlib import Path

from coach.services.peer_io import import_csv
from coach.ui.web.app import launch
from gradio_client import Client
from icalendar import Calendar

from tests.conftest import make_services

PEERS = Path(__file__).parent / "data" / "meetings" / "peers.csv"


def test_plan_tick_and_download_from_the_page(tmp_path):
    svc = make_services(tmp_path / "data")
    import_csv(svc, PEERS.read_bytes())
    demo = launch(svc, host="127.0.0.1", port=0, block=False)
    try:
        client = Client(demo.local_url, verbose=False)
        status, plan_md, items, _ = client.predict(
            "budget review Tuesday, new hire joins Monday", "2026-W48", True, api_name="/plan_week"
        )
        assert "Planned" in status and "## Monday" in plan_md and "welcome" in plan_md
        first = items["choices"][0][0]
        status, plan_md, items, _ = client.predict("2026-W48", [first], api_name="/tick_plan")
        assert status.endswith(f"1/{len(items['choices'])} done.</span>")
        _, reopened, items, _ = client.predict("2026-W48", api_name="/open_plan")
        assert items["value"] == [first] and "- [x]" in reopened
        ics = Path(client.predict("2026-W48", api_name="/plan_ics"))
        assert len(Calendar.from_ical(ics.read_bytes()).walk("VEVENT")) == len(items["choices"])
        status, *_ = client.predict("", "week 48", True, api_name="/plan_week")
        assert "ISO form" in status
    finally:
        demo.close()
