"""The HTTP API and the web page (``tidings serve``); needs the ``web`` extra (FastAPI)."""
