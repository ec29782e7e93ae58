"""Runs tests/parity/scenarios.json through the Snowplow Python tracker 1.1.0.

Usage: python_tracker.py SCENARIOS_JSON COLLECTOR_URL VARIANT_NAME
Every event of the scenario is tracked once with the variant's settings, then flushed.
"""
import json
import sys
import warnings

from snowplow_tracker import Emitter, SelfDescribingJson, Subject, Tracker

warnings.simplefilter("ignore", DeprecationWarning)


def make_subject(spec):
    s = Subject()
    setters = {
        "platform": s.set_platform, "userId": s.set_user_id, "colorDepth": s.set_color_depth,
        "timezone": s.set_timezone, "lang": s.set_lang, "domainUserId": s.set_domain_user_id,
        "domainSessionId": s.set_domain_session_id, "domainSessionIndex": s.set_domain_session_index,
        "ipAddress": s.set_ip_address, "useragent": s.set_useragent, "networkUserId": s.set_network_user_id,
    }
    for key, value in spec.items():
        if key == "screenResolution":
            s.set_screen_resolution(*value)
        elif key == "viewport":
            s.set_viewport(*value)
        else:
            setters[key](value)
    return s


def sdj(obj):
    return SelfDescribingJson(obj["schema"], obj["data"])


def main():
    scenarios = json.load(open(sys.argv[1], encoding="utf-8"))
    variant = next(v for v in scenarios["variants"] if v["name"] == sys.argv[3])
    emitter = Emitter(sys.argv[2], method=variant["method"], batch_size=1000 if variant["method"] == "post" else 1)
    subject = make_subject(scenarios["subject"]) if variant.get("subject") else None
    tracker = Tracker("parity", emitter, subject=subject, app_id=variant["name"], encode_base64=variant["base64"])
    common = {}
    if variant.get("contexts"):
        common["context"] = [sdj(c) for c in scenarios["contexts"]]
    if "trueTimestamp" in variant:
        common["tstamp"] = variant["trueTimestamp"]
    if "eventSubject" in variant:
        common["event_subject"] = make_subject(variant["eventSubject"])
    for kind, a in scenarios["events"]:
        if kind == "pageView":
            tracker.track_page_view(a["pageUrl"], a.get("pageTitle"), a.get("referrer"), **common)
        elif kind == "pagePing":
            tracker.track_page_ping(a["pageUrl"], a.get("pageTitle"), a.get("referrer"), a.get("minX"), a.get("maxX"), a.get("minY"), a.get("maxY"), **common)
        elif kind == "structEvent":
            tracker.track_struct_event(a["category"], a["action"], a.get("label"), a.get("property"), a.get("value"), **common)
        elif kind == "selfDescribingEvent":
            tracker.track_self_describing_event(sdj(a["event"]), **common)
        elif kind == "screenView":
            tracker.track_screen_view(a.get("name"), a.get("id"), **common)
        elif kind == "mobileScreenView":
            tracker.track_mobile_screen_view(a["name"], a.get("id"), a.get("type"), a.get("previousName"), a.get("previousId"), a.get("previousType"), a.get("transitionType"), **common)
        elif kind == "linkClick":
            tracker.track_link_click(a["targetUrl"], a.get("elementId"), a.get("elementClasses"), a.get("elementTarget"), a.get("elementContent"), **common)
        elif kind in ("addToCart", "removeFromCart"):
            track = tracker.track_add_to_cart if kind == "addToCart" else tracker.track_remove_from_cart
            track(a["sku"], a["quantity"], a.get("name"), a.get("category"), a.get("unitPrice"), a.get("currency"), **common)
        elif kind == "formChange":
            tracker.track_form_change(a["formId"], a["elementId"], a["nodeName"], a["value"], a.get("type"), a.get("elementClasses"), **common)
        elif kind == "formSubmit":
            tracker.track_form_submit(a["formId"], a.get("formClasses"), a.get("elements"), **common)
        elif kind == "siteSearch":
            tracker.track_site_search(a["terms"], a.get("filters"), a.get("totalResults"), a.get("pageResults"), **common)
        elif kind == "ecommerceTransaction":
            items = [{"sku": i["sku"], "price": i["price"], "quantity": i["quantity"], "name": i.get("name"), "category": i.get("category")} for i in a["items"]]
            tracker.track_ecommerce_transaction(a["orderId"], a["totalValue"], a.get("affiliation"), a.get("taxValue"), a.get("shipping"), a.get("city"), a.get("state"), a.get("country"), a.get("currency"), items, **common)
        else:
            raise ValueError(kind)
    tracker.flush()


if __name__ == "__main__":
    main()
