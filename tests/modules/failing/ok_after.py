VALUE = "ok"
