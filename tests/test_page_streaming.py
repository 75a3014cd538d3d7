"""How answers reach the page: an answer composed at once grows a few words at a time, and a
reader that stops (the page's Stop) is free at once while the answer being made is closed."""

import asyncio
import threading
import time

from coach.components.streaming import in_background, reveal

ANSWER = (
    "You want to start a conversation with a colleague you barely know. 1. Notice the small "
    'gaps in your day. 2. Suggest continuing later. **You could say:** "What is taking up '
    'most of your week?" [G1]'
)


def test_a_finished_answer_is_revealed_a_few_words_at_a_time_ending_whole():
    shown = list(reveal(ANSWER, pause=0))
    assert len(shown) >= 3 and shown[-1] == ANSWER
    assert all(later.startswith(earlier) for earlier, later in zip(shown, shown[1:], strict=False))
    assert shown[0].split() == ANSWER.split()[:3], "the first words come first, not the whole"


def test_a_long_answer_takes_a_bounded_number_of_steps():
    long = " ".join(["word"] * 2000)
    assert len(list(reveal(long, pause=0))) <= 33


def test_stopping_before_the_first_word_frees_the_reader_and_closes_the_answer():
    release, closed = threading.Event(), threading.Event()
    made: list[str] = []

    def answer():  # a model that has not said a word yet
        try:
            release.wait(5)
            for word in ["Start", "with", "what"]:
                made.append(word)
                yield word
        finally:
            closed.set()

    async def read_then_stop() -> float:
        async def read() -> None:
            async for _ in in_background(answer()):
                pass

        task = asyncio.create_task(read())
        await asyncio.sleep(0.1)
        started = time.monotonic()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        return time.monotonic() - started

    assert asyncio.run(read_then_stop()) < 0.5, "Stop does not wait for the first word"
    release.set()
    assert closed.wait(2), "the answer being made is closed after Stop"
    assert made == ["Start"], "nothing more is made after Stop"
