# User-defined exception classes: hierarchy, args, str/repr, catching by base.
class AppError(Exception):
    pass


class ConfigError(AppError):
    pass


class DetailedError(AppError):
    def __init__(self, code, detail):
        super().__init__(f"[{code}] {detail}")
        self.code = code
        self.detail = detail


for exc in [AppError("plain"), ConfigError("bad config", 2), DetailedError(404, "not found")]:
    try:
        raise exc
    except AppError as e:
        print(type(e).__name__, "|", e, "|", repr(e), "|", e.args, isinstance(e, ConfigError))

try:
    raise DetailedError(500, "server")
except DetailedError as e:
    print(e.code, e.detail)

try:
    try:
        raise ConfigError("inner")
    except AppError as e:
        raise DetailedError(1, "wrapped") from e
except AppError as e:
    print(repr(e), "caused by", repr(e.__cause__))
print(issubclass(ConfigError, Exception), ConfigError.__mro__[1].__name__)
