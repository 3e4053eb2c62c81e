# sys: version and build information as struct sequences, and the plain attributes programs read.
import sys

vi = sys.version_info
print(vi, vi[:2], vi.major, vi.minor, vi.releaselevel, vi >= (3, 12), vi < (3, 13), len(vi))
print(type(vi).__name__, type(vi).__module__, type(vi).n_fields, repr(type(vi)))
print(sys.hexversion == 0x030C01F0, hex(sys.hexversion), sys.api_version)
print(sys.float_info)
print(sys.float_info.max, sys.float_info.epsilon, sys.float_info.dig, sys.float_info.mant_dig)
print(sys.int_info.bits_per_digit, sys.int_info.default_max_str_digits)
print(sys.hash_info.modulus, sys.hash_info.inf, sys.hash_info.nan, sys.hash_info.imag, sys.hash_info.width)
print(hash(float("inf")) == sys.hash_info.inf, hash(1j) == sys.hash_info.imag)
f = sys.flags
print(f.debug, f.optimize, f.verbose, f.isolated, f.dev_mode, f.utf8_mode, f.safe_path, f.int_max_str_digits, len(f))
print(type(f).n_fields, type(f).__match_args__[:4])
for T in [type(sys.flags), type(sys.version_info), type(sys.float_info)]:
    try:
        T()
    except TypeError as e:
        print("TypeError", e)
try:
    sys.version_info.major = 4
except AttributeError as e:
    print("AttributeError", e)
print(sys.thread_info.name, sys.thread_info.lock)
print(sys.platform, sys.byteorder, sys.maxsize == 2 ** 63 - 1, sys.maxunicode, sys.float_repr_style, repr(sys.abiflags))
print(sys.warnoptions, sys._xoptions, sys.pycache_prefix, sys.platlibdir)
print(type(sys.meta_path).__name__, type(sys.path_hooks).__name__, type(sys.path_importer_cache).__name__)
print("sys" in sys.builtin_module_names, "builtins" in sys.builtin_module_names, isinstance(sys.builtin_module_names, tuple))
print(type(sys.stdlib_module_names).__name__, "os" in sys.stdlib_module_names, "json" in sys.stdlib_module_names,
      "crabby" in sys.stdlib_module_names, len(sys.stdlib_module_names))
print(sys.getdefaultencoding(), sys.getfilesystemencoding(), sys.getfilesystemencodeerrors())
print(sys.getswitchinterval())
sys.setswitchinterval(0.01)
print(sys.getswitchinterval())
try:
    sys.setswitchinterval(0)
except ValueError as e:
    print("ValueError", e)
print(sys.get_int_max_str_digits(), sys.is_finalizing(), sys.gettrace(), sys.getprofile())
print(sys.intern("abc") == "abc", sys.audit("my.event", 1, 2), sys.addaudithook(lambda *a: None))
print(sys.call_tracing(max, (3, 9, 2)))
print(isinstance(sys.getsizeof([]), int), sys.getsizeof([]) > 0, sys.getsizeof(object(), 5) > 0)
print(isinstance(sys.getrefcount(object()), int), sys.getrefcount(None) > 1000)
print(sys.displayhook is sys.__displayhook__, sys.excepthook is sys.__excepthook__,
      sys.unraisablehook is sys.__unraisablehook__)
print(sys.displayhook(None), sys.displayhook([1, "x"]))
import builtins
print(builtins._)
print(isinstance(sys.prefix, str), isinstance(sys.exec_prefix, str), sys.base_prefix == sys.prefix)
print(sys.copyright.splitlines()[0])
print(type(sys.implementation).__name__, sys.implementation.version == sys.version_info,
      sys.implementation.hexversion == sys.hexversion, isinstance(sys.implementation.cache_tag, str))
