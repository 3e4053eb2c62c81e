import delta
G = 1
