# codecs: lookup through the encodings package, a registered search function, error handlers, and str.encode /
# bytes.decode falling back to the registry for codecs the runtime does not implement.
import codecs
import encodings
import encodings.cp437
import encodings.utf_8
import encodings.cp1252

info = codecs.lookup('UTF-8')
print(info.name, type(info).__name__, info.encode('héllo'), info.decode(b'h\xc3\xa9llo'))
print(codecs.lookup('cp437').name, codecs.lookup('CP1252').name, codecs.lookup('latin-1').name)
print(codecs.encode('é', 'cp437'), codecs.decode(b'\x82', 'cp437'), 'x€'.encode('cp1252'))
print('╔═╗'.encode('cp437'), b'\xc9\xcd\xbb'.decode('cp437'))
try:
    codecs.lookup('no-such-codec')
except LookupError as e:
    print('LookupError', e)
try:
    'x'.encode('no-such-codec')
except LookupError as e:
    print('LookupError', e)

def search(name):
    if name == 'rot_thirteen':
        def enc(s, errors='strict'):
            return s.translate(str.maketrans('abcdefghijklmnopqrstuvwxyz', 'nopqrstuvwxyzabcdefghijklm')).encode(), len(s)
        def dec(b, errors='strict'):
            return bytes(b).decode().translate(str.maketrans('nopqrstuvwxyzabcdefghijklm', 'abcdefghijklmnopqrstuvwxyz')), len(b)
        return codecs.CodecInfo(enc, dec, name='rot-thirteen')
    return None
codecs.register(search)
print(codecs.lookup('rot-thirteen').name, 'hello'.encode('rot_thirteen'), b'uryyb'.decode('rot-thirteen'))
codecs.unregister(search)

print(codecs.lookup_error('strict').__name__, codecs.lookup_error('ignore').__name__)
for name in ('ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace'):
    print(name, 'aé☃b'.encode('ascii', name), codecs.encode('aé☃b', 'cp437', name))
print(b'a\xffb'.decode('utf-8', 'replace'), b'a\xffb'.decode('ascii', 'backslashreplace'))
def handler(exc):
    return ('<%d-%d>' % (exc.start, exc.end), exc.end)
codecs.register_error('marks', handler)
print(codecs.lookup_error('marks') is handler, codecs.encode('aé☃b', 'cp437', 'marks'))
try:
    codecs.lookup_error('nope')
except LookupError as e:
    print('LookupError', e)
try:
    codecs.encode('☃', 'cp437')
except UnicodeEncodeError as e:
    print('UnicodeEncodeError', e.encoding, e.start, e.end, e.reason)
print(codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE)
