# The _codecs functions: (result, consumed) pairs, incremental UTF decoding, charmaps and escape codecs.
import codecs
import encodings.hex_codec
import encodings.unicode_escape
import encodings.raw_unicode_escape

print(codecs.utf_8_encode('héllo'), codecs.utf_8_decode(b'h\xc3\xa9llo'))
print(codecs.utf_8_decode(b'ab\xc3', 'strict', False), codecs.utf_8_decode(b'ab\xe2\x98', None, False))
print(codecs.utf_8_decode(b'ab\xc3\xa9', 'strict', False))
try:
    codecs.utf_8_decode(b'ab\xc3', 'strict', True)
except UnicodeDecodeError as e:
    print('UnicodeDecodeError', e.start, e.end, e.reason)
print(codecs.utf_16_le_encode('hé'), codecs.utf_16_be_decode(b'\x00h\x00\xe9'), codecs.utf_16_le_decode(b'h\x00\xe9', None, False))
print(codecs.utf_16_encode('a'), codecs.utf_16_decode(b'\xff\xfea\x00'), codecs.utf_32_be_encode('a'))
print(codecs.utf_16_ex_decode(b'\xfe\xff\x00a', 'strict', 0, True))
print(codecs.latin_1_encode('aé'), codecs.latin_1_decode(b'a\xe9'), codecs.ascii_encode('ab'), codecs.ascii_decode(b'ab'))
table = 'abc' + '\ufffe' * 253
enc = codecs.charmap_build(table)
print(codecs.charmap_decode(b'\x00\x02\x01', 'strict', table), codecs.charmap_encode('cab', 'strict', enc))
print(codecs.charmap_decode(b'\x00\x05', 'replace', table), codecs.charmap_decode(b'\x01', 'strict', {1: 'X'}))
print(codecs.charmap_encode('ab', 'strict', {97: 1, 98: b'zz'}), codecs.charmap_decode(b'\x61'))
try:
    codecs.charmap_decode(b'\x05', 'strict', table)
except UnicodeDecodeError as e:
    print('UnicodeDecodeError', e.encoding, e.object, e.start, e.end, e.reason)
print(codecs.escape_encode(b'a\n\x00\'\\'), codecs.escape_decode(b'a\\n\\x41\\101'))
print(codecs.unicode_escape_encode('a\té☃\U0001f642\\'), codecs.unicode_escape_decode(b'a\\t\\xe9\\u2603\\U0001f642'))
print(codecs.raw_unicode_escape_encode('aé☃'), codecs.raw_unicode_escape_decode(b'a\\u2603\\n'))
print(codecs.readbuffer_encode(b'abc'), codecs.readbuffer_encode('é'))
print('a\\u00e9'.encode().decode('unicode_escape'), 'é☃'.encode('unicode_escape'), 'é☃'.encode('raw_unicode_escape'))
print(codecs.encode(b'abc', 'hex'), codecs.decode(b'616263', 'hex'))
