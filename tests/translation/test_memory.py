from __future__ import annotations

from translation.memory import InProcessMemory, LayeredMemory, MemoryEntry, memory_key


def test_key_is_model_and_normalised_segment() -> None:
    assert (
        memory_key("argos:en-ja@1.1", "  Where is\n my  order [1]? ")
        == "argos:en-ja@1.1\x1fWhere is my order [1]?"
    )
    assert memory_key("argos:en-ja@1.1", "x") != memory_key("argos:en-ja@1.2", "x")


def test_lru_forgets_the_least_recently_used() -> None:
    memory = InProcessMemory(max_entries=2)
    memory.put_many({"a": MemoryEntry("A", 1.0), "b": MemoryEntry("B", 1.0)})
    memory.get_many(["a"])
    memory.put_many({"c": MemoryEntry("C", 1.0)})
    assert set(memory.get_many(["a", "b", "c"])) == {"a", "c"}


def test_layered_memory_fills_the_local_cache_from_the_shared_one() -> None:
    shared = InProcessMemory()
    shared.put_many({"k": MemoryEntry("訳", 0.8)})
    layered = LayeredMemory(shared)
    assert layered.get_many(["k", "missing"]) == {"k": MemoryEntry("訳", 0.8)}
    assert layered.local.get_many(["k"]) == {"k": MemoryEntry("訳", 0.8)}
    layered.put_many({"n": MemoryEntry("新", 0.9)})
    assert shared.get_many(["n"]) == {"n": MemoryEntry("新", 0.9)}
