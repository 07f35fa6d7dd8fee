"""The real int8 MiniLM encoder: shape, normalisation, order, similarity, edge cases."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from os1.nlp.embeddings import Embedder, get_embedder


@pytest.fixture(scope="module")
def emb() -> Embedder:
    return get_embedder()


def test_shape_dtype_and_unit_rows(emb: Embedder) -> None:
    v = emb.encode(["hello there", "the sea is calm today", "x"])
    assert v.shape == (3, 384)
    assert v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)


def test_similar_sentences_are_closer_than_unrelated(emb: Embedder) -> None:
    a, b, c = emb.encode(
        ["I miss my sister so much", "I really wish I could see my sister again", "How do I file my taxes?"]
    )
    assert float(a @ b) > float(a @ c) + 0.2


def test_order_is_preserved_despite_length_sorting(emb: Embedder) -> None:
    texts = [
        "a rather long sentence about walking the dog along the beach at sunset with friends",
        "hi",
        "my job is stressful",
        "ok",
    ]
    together = emb.encode(texts, batch_size=2)
    one_by_one = np.vstack([emb.encode([t]) for t in texts])
    assert np.allclose(together, one_by_one, atol=1e-4)


def test_token_states_come_from_the_branch_point_and_fit_the_text_length(emb: Embedder) -> None:
    texts = ["I am not happy at all", "wow", "my sister Anna is visiting on Friday and I can't wait"]
    pooled, states = emb.encode_with_states(texts, batch_size=2)
    assert np.allclose(pooled, emb.encode(texts), atol=1e-6)
    # [CLS] + word pieces + [SEP], no padding even though the batch was padded to its longest text
    assert [len(s) for s in states] == [len(emb._tokenizer.encode(t).ids) for t in texts]
    # They are the states after layer 4, not the final ones: their mean is not the sentence vector.
    for vector, tokens in zip(pooled, states, strict=True):
        mean = tokens.mean(axis=0)
        assert not np.allclose(vector, mean / np.linalg.norm(mean), atol=1e-2)
        assert np.isfinite(tokens).all()
    one_pooled, (one_states,) = emb.encode_with_states([texts[2]])
    assert np.allclose(one_states, states[2], atol=1e-4) and np.allclose(one_pooled[0], pooled[2], atol=1e-5)


def test_the_extra_output_leaves_the_sentence_vectors_exactly_as_the_packaged_model_gives_them(
    emb: Embedder,
) -> None:
    import onnxruntime as ort

    from os1.nlp.embeddings import _model_path

    plain = ort.InferenceSession(str(_model_path()), providers=["CPUExecutionProvider"])
    ids = np.array([emb._tokenizer.encode("my sister Anna is visiting on Friday").ids])
    inputs = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
    (expected,) = plain.run(["last_hidden_state"], inputs)
    mean = expected[0].mean(axis=0)
    assert np.allclose(emb.encode(["my sister Anna is visiting on Friday"])[0], mean / np.linalg.norm(mean), atol=1e-6)


def test_empty_input(emb: Embedder) -> None:
    v = emb.encode([])
    assert v.shape == (0, 384)
    assert v.dtype == np.float32


def test_empty_string_gives_a_finite_unit_vector(emb: Embedder) -> None:
    v = emb.encode([""])
    assert np.isfinite(v).all()
    assert np.isclose(np.linalg.norm(v), 1.0, atol=1e-5)


def test_very_long_text_is_truncated_not_rejected(emb: Embedder) -> None:
    long_text = "I walked to the harbour and watched the boats. " * 2000
    v = emb.encode([long_text])
    assert v.shape == (1, 384)
    assert np.isclose(np.linalg.norm(v), 1.0, atol=1e-5)
    # Truncation keeps the first 256 tokens: any text sharing that prefix gets the same vector,
    # and a text cut well before it does not.
    same_prefix = emb.encode([long_text[: len(long_text) // 4]])
    much_shorter = emb.encode([long_text[:200]])
    assert np.allclose(v, same_prefix, atol=1e-5)
    assert not np.allclose(v, much_shorter, atol=1e-3)


def test_single_string_is_rejected(emb: Embedder) -> None:
    with pytest.raises(TypeError):
        emb.encode("hello")  # type: ignore[arg-type]


def test_get_embedder_is_one_instance_across_threads() -> None:
    seen: list[Embedder] = []
    threads = [threading.Thread(target=lambda: seen.append(get_embedder())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(e) for e in seen}) == 1
