"""``python -m bench.stub LATENCY``: an OpenAI-compatible endpoint that answers every chat
completion with a recorded seed extraction after exactly LATENCY seconds.

asyncio, one process, keep-alive HTTP/1.1: a fixed-latency endpoint for the throughput rows.
(The fault tests' thread-per-connection stub in ``tests/stub_server.py`` is the wrong tool here:
a bare httpx client reaches only ~78 % of ideal against it at concurrency 16, ~91 % against
this one.) Prints its base URL, serves until stdin closes.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.conftest import recorded_content  # noqa: E402
from tests.stub_server import completion  # noqa: E402


async def serve(latency: float) -> None:
    payload = json.dumps(completion(recorded_content("003_78ba1e2aecd73aa2"))).encode()
    head = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n" % len(payload)

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                request = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    (int(line.split(b":", 1)[1]) for line in request.split(b"\r\n") if line.lower().startswith(b"content-length:")),
                    0,
                )
                json.loads(await reader.readexactly(length))  # a real endpoint parses the body too
                await asyncio.sleep(latency)
                writer.write(head + payload)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    print(f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/v1", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    server.close()


if __name__ == "__main__":
    asyncio.run(serve(float(sys.argv[1])))
