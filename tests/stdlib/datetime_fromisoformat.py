# fromisoformat of date, time and datetime (the formats Python 3.11+ accepts).
from datetime import date, time, datetime

def attempt(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "=", repr(r))

for s in ["2021-07-04", "20210704", "2021-W27", "2021-W27-7", "2021W277", "2021-185", "2021185", "0001-01-01",
          "2021-7-4", "2021-07-4", "2021-07-04T", "21-07-04", "2021-13-01", "2021-02-29", "", "2021-W54",
          "2021-W27-8", "2021-366", "2020-366", "2021-07-04 ", "２０２１-07-04", "2021_07_04"]:
    attempt("date " + repr(s), lambda: date.fromisoformat(s))
for s in ["12", "12:30", "1230", "12:30:45", "123045", "12:30:45.1", "12:30:45.123", "12:30:45.123456",
          "12:30:45.1234567", "12:30:45,5", "12:30:45Z", "12:30:45+05:30", "12:30:45-0530", "12:30:45+05",
          "12:30:45+05:30:15", "12:30:45+05:30:15.5", "12:30:45.5+00:00", "24:00", "12:60", "1", "12:3",
          "T12:30", "12:30:45 ", "12:30:45+24:00", "12:30:45.", "12:30:45Zx", "12:30:4", "12:30:45z"]:
    attempt("time " + repr(s), lambda: time.fromisoformat(s))
for s in ["2021-07-04T12:30:45", "2021-07-04 12:30", "2021-07-04T12", "20210704T123045.5Z", "2021-07-04",
          "2021-07-04T12:30:45.123456+01:00", "2021-W27-7T01:02:03", "2021-185T00:00", "2021-07-04x12:30",
          "2021-07-04T25:00", "2021-07-04T12:30:45-03:00:30", "2021-07-04T24:00", "2021-07-04T24:00:00.000001",
          "9999-12-31T24:00", "2021-07-04T12:30:45,123Z", "2021-07-04Tab", "2021-07-04T12:30:45.1234567891",
          "2021-07-04T12:30:45+0100", "2021-07-04T12:30:45+01", "2021-07-04T12:30:45+01:00:00.000001"]:
    attempt("datetime " + repr(s), lambda: datetime.fromisoformat(s))
attempt("date non-str", lambda: date.fromisoformat(20210704))
attempt("datetime non-str", lambda: datetime.fromisoformat(b"2021-07-04"))
attempt("time non-str", lambda: time.fromisoformat(None))
dt = datetime(2021, 7, 4, 12, 30, 45, 123456)
for spec in ["auto", "hours", "minutes", "seconds", "milliseconds", "microseconds"]:
    s = dt.isoformat(timespec=spec)
    print(spec, s, datetime.fromisoformat(s))
