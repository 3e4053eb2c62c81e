def f():
    print("never runs")
  return 1
