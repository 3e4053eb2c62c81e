# JSON round trips with the standard library's json module: nested dicts/lists, strings with escapes, floats.
import json


def make_doc(i):
    return {
        "id": i,
        "name": f"item-{i}",
        "tags": ["a", "b\n", "c\u00e9", str(i % 7)],
        "price": i * 1.25,
        "nested": {"ok": i % 2 == 0, "none": None, "values": list(range(i % 10))},
    }


def main():
    docs = [make_doc(i) for i in range(2000)]
    total = 0
    for _ in range(5):
        text = json.dumps(docs, sort_keys=True)
        back = json.loads(text)
        total += len(text) + sum(d["id"] for d in back)
        text2 = json.dumps(back, indent=2)
        total += len(text2)
    print(text[:80])
    print("json checksum", total)


main()
