# _sha2: SHA-224/256/384/512 digests, incremental updates, copies, attributes and errors.
import _sha2

for name in ["sha224", "sha256", "sha384", "sha512"]:
    f = getattr(_sha2, name)
    h = f(b"abc")
    print(name, h.name, h.digest_size, h.block_size, h.hexdigest())
    print(f().hexdigest()[:32], f(b"a" * 1000).hexdigest()[:32], len(f(b"x").digest()))
    h2 = h.copy()
    h2.update(b"def")
    h.update(bytearray(b"def"))
    print(h.hexdigest() == h2.hexdigest() == f(b"abcdef").hexdigest())
    big = f()
    for i in range(300):
        big.update(bytes([i % 256]) * (i % 7))
    print(big.hexdigest()[:40])
print(type(_sha2.sha512()).__name__, type(_sha2.sha256()).__module__)


def t(fn, *a, **k):
    try:
        print(repr(fn(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)


t(_sha2.sha256, "abc")
t(_sha2.sha256, 1)
t(_sha2.sha256, b"a", b"b")
t(lambda: _sha2.sha256(string=b"a").hexdigest())
t(_sha2.sha256, data=b"a")
t(lambda: _sha2.sha256(b"a", usedforsecurity=False).hexdigest())
h = _sha2.sha512()
t(h.update, "x")
t(h.update)
t(h.digest, 1)
