"""Live coding for the ingest page: the real pipeline, one article at a time, within a time limit.

The pipeline (spaCy model, lexicon, actors) is loaded on the first request, or passed in.
Coding runs in one worker thread; a request waits at most `timeout` seconds for it. Python
cannot stop a running thread, so a request that times out gets 503 and the coder finishes in
the background, its result thrown away; until then further requests get 429 (busy) rather than
queueing up. Text length is capped by the request model and the body size by `BodyLimit`.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from typing import Any

from dyads.model import Article
from dyads.pipeline import CodedArticle, Pipeline


class CoderBusy(Exception):
    """Another text is still being coded."""


class CodingTimeout(Exception):
    """Coding took longer than the limit."""


def ingest_doc_id(title: str | None, text: str) -> str:
    """A stable id for pasted text: the same title and text replace their earlier copy."""
    digest = hashlib.sha1(f"{title or ''}\n{text}".encode()).hexdigest()[:12]
    return f"ingest-{digest}"


class LiveCoder:
    def __init__(self, pipeline: Pipeline | None = None, timeout: float = 10.0) -> None:
        self._pipeline = pipeline
        self._load_lock = threading.Lock()
        self._busy = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dyads-coder")
        self.timeout = timeout

    def pipeline(self) -> Pipeline:
        with self._load_lock:
            if self._pipeline is None:
                self._pipeline = Pipeline()
            return self._pipeline

    async def code(self, *, text: str, title: str | None, day: date | None,
                   source: str | None = None) -> CodedArticle:
        """Code one article with the real pipeline; CoderBusy or CodingTimeout on limits."""
        if not self._busy.acquire(blocking=False):
            raise CoderBusy
        article = Article(doc_id=ingest_doc_id(title, text), text=text, title=title, date=day,
                          source=source, path="ingest")
        try:
            future: Future[CodedArticle] = self._pool.submit(self._run, article)
        except BaseException:
            self._busy.release()
            raise
        future.add_done_callback(lambda _f: self._busy.release())
        try:
            return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)),
                                          self.timeout)
        except TimeoutError:
            raise CodingTimeout from None

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Wait until no coding runs (after a timed-out request); True if idle in time."""
        if self._busy.acquire(timeout=timeout):
            self._busy.release()
            return True
        return False

    def _run(self, article: Article) -> CodedArticle:
        return self.pipeline().code_article(article)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def coded_json(coded: CodedArticle) -> dict[str, Any]:
    """The coded article as the ingest API returns it (events with their sentence offsets)."""
    return {
        "doc_id": coded.article.doc_id,
        "sentences": [{"sentence_index": s.index, "text": s.text, "is_headline": s.headline}
                      for s in coded.sentences],
        "events": [e.to_dict() for e in coded.events],
    }
