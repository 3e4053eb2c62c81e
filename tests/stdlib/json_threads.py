# json.dumps/json.loads from several threads at once, sharing one encoder and one decoder object, with hooks
# and default() calling back into Python: every thread gets the right answer.
import json
import threading

dec = json.JSONDecoder(object_hook=lambda d: {k.upper(): v for k, v in d.items()})
enc = json.JSONEncoder(sort_keys=True, default=lambda o: sorted(o))
results = {}


def work(n):
    out = []
    for i in range(200):
        doc = {'n': n, 'i': i, 'tags': {f't{i % 3}', 't'}, 'f': i / 4, 's': 'é' * (i % 5)}
        text = enc.encode(doc)
        back = dec.decode(text)
        out.append((len(text), back['N'], back['I'], back['TAGS'], back['F'], back['S']))
    results[n] = out


threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for n in sorted(results):
    r = results[n]
    print(n, len(r), r[0], r[-1], sum(x[0] for x in r))
