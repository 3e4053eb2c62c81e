ROOT = "app-root"
