"""The load client of ``bench.compare_reads``: raw keep-alive HTTP/1.1 requests from asyncio
(no client library between the servers and the measure), split over client processes, and
a server process's CPU time read from ``/proc`` (shared with the subscription benches)."""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

Request = tuple[str, bytes, dict[str, str]]  # path, body, headers


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _one(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, raw: bytes) -> bytes:
    writer.write(raw)
    head = await reader.readuntil(b"\r\n\r\n")
    length = -1
    chunked = False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    status = int(head.split(b" ", 2)[1])
    if status != 200:
        raise RuntimeError(f"HTTP {status}: {head!r}")
    if not chunked:
        return await reader.readexactly(length)
    body = b""
    while True:
        size = int((await reader.readuntil(b"\r\n")).strip(), 16)
        chunk = await reader.readexactly(size + 2)
        if size == 0:
            return body
        body += chunk[:-2]


def raw_request(port: int, request: Request) -> bytes:
    path, body, headers = request
    lines = [
        f"POST {path} HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Content-Type: application/json",
        "Accept: application/json",
        f"Content-Length: {len(body)}",
        *(f"{k}: {v}" for k, v in headers.items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def _load_async(port: int, raw: bytes, connections: int, seconds: float) -> list[float]:
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                await _one(reader, writer, raw)
                latencies.append(time.perf_counter() - started)
        finally:
            writer.close()

    await asyncio.gather(*(worker() for _ in range(connections)))
    return latencies


def _load(port: int, raw: bytes, connections: int, seconds: float) -> list[float]:
    """One client process's share of a run: its latencies (one per response)."""
    return asyncio.run(_load_async(port, raw, connections, seconds))


def run_cell(
    pool: ProcessPoolExecutor,
    pid: int,
    port: int,
    raw: bytes,
    concurrency: int,
    processes: int,
    seconds: float,
) -> dict[str, float]:
    processes = min(processes, concurrency)
    shares = [concurrency // processes + (i < concurrency % processes) for i in range(processes)]
    cpu = cpu_seconds(pid)
    started = time.perf_counter()
    futures = [pool.submit(_load, port, raw, share, seconds) for share in shares]
    latencies = [lat for future in futures for lat in future.result()]
    elapsed = time.perf_counter() - started
    used = cpu_seconds(pid) - cpu
    count = len(latencies)
    return {
        "requests": count,
        "reqPerSec": count / elapsed,
        "cpuMsPerRequest": used * 1000 / count if count else float("nan"),
        "p50Ms": statistics.median(latencies) * 1000 if latencies else float("nan"),
    }
