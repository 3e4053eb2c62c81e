# Slices of a memoryview are views of the same memory.

data = bytearray(b"0123456789")
m = memoryview(data)
for s in (m[2:5], m[::2], m[::-1], m[1::3], m[8:2:-2], m[5:2], m[-3:], m[:0]):
    print(s.tobytes(), s.tolist(), len(s), s.nbytes, s.strides, s.shape, s.contiguous, s.obj is data)
v = m[2:8]
print(v[0], v[-1], v[1:3].tobytes(), v[::2][1:].tobytes(), v[::-1][::-1].tobytes())
data[3] = ord("X")
print(v.tobytes(), m[3], bytes(v[1:2]))
r = m[::-1]
print(r[0], r[9], r.hex(), list(r[:3]))
s = m[1:9][::3]
print(s.tolist(), s.tobytes(), s.strides)
print(memoryview(b"abc")[1:].obj, memoryview(b"abc")[::2].readonly)
