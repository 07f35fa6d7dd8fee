"""Write a tiny llama-architecture GGUF model with random weights, for tests that need a real llama.cpp.

No model can be downloaded here, and a real one would be far too big for tests anyway: this writes a
2-layer model (about half a megabyte) with a SentencePiece-style vocabulary of byte tokens plus a few
letters and words, using the `gguf` package. llama.cpp loads it, tokenizes with it and generates from it
(the text is gibberish, which is all a transport test needs). The weights come from a fixed seed.
"""

from __future__ import annotations

from pathlib import Path

EMBED = 64
HEADS = 4
FEED_FORWARD = 128
LAYERS = 2
CONTEXT = 2048
WORDS = ["▁", *"abcdefghijklmnopqrstuvwxyz", "▁the", "▁a", "▁you", "▁I", "▁and", "▁to", "▁is", "▁it", "▁of",
         "▁feel", "▁sea", "▁day", "▁good", "▁hello", "▁Sam", ".", ",", "!", "?"]
# A plain-text chat template, so prompts render the same on the server and in-process.
CHAT_TEMPLATE = (
    "{% for message in messages %}<{{ message['role'] }}>{{ message['content'] }}\n{% endfor %}"
    "{% if add_generation_prompt %}<assistant>{% endif %}"
)


def write_tiny_llama(path: Path, seed: int = 0) -> Path:
    """Write the model to `path` and return it."""
    import gguf
    import numpy as np

    tokens = ["<unk>", "<s>", "</s>"] + [f"<0x{b:02X}>" for b in range(256)] + WORDS
    types = [gguf.TokenType.UNKNOWN, gguf.TokenType.CONTROL, gguf.TokenType.CONTROL]
    types += [gguf.TokenType.BYTE] * 256 + [gguf.TokenType.NORMAL] * len(WORDS)
    scores = [0.0] * (3 + 256) + [-float(len(word)) for word in WORDS]
    vocab = len(tokens)

    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_name("os1-tiny-test")
    writer.add_context_length(CONTEXT)
    writer.add_embedding_length(EMBED)
    writer.add_block_count(LAYERS)
    writer.add_feed_forward_length(FEED_FORWARD)
    writer.add_head_count(HEADS)
    writer.add_head_count_kv(HEADS)
    writer.add_rope_dimension_count(EMBED // HEADS)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_file_type(gguf.LlamaFileType.ALL_F32)
    writer.add_tokenizer_model("llama")
    writer.add_token_list(tokens)
    writer.add_token_scores(scores)
    writer.add_token_types(types)
    writer.add_bos_token_id(1)
    writer.add_eos_token_id(2)
    writer.add_unk_token_id(0)
    writer.add_chat_template(CHAT_TEMPLATE)

    rng = np.random.default_rng(seed)

    def weights(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.2).astype(np.float32)

    writer.add_tensor("token_embd.weight", weights(vocab, EMBED))
    writer.add_tensor("output_norm.weight", np.ones(EMBED, dtype=np.float32))
    output = weights(vocab, EMBED)
    # Zero logits for the control and byte tokens: greedy decoding then always picks one of the word
    # pieces (some of them score above 0), so the model never stops early and always prints text.
    output[: 3 + 256] = 0.0
    writer.add_tensor("output.weight", output)
    for layer in range(LAYERS):
        block = f"blk.{layer}"
        writer.add_tensor(f"{block}.attn_norm.weight", np.ones(EMBED, dtype=np.float32))
        for name in ("attn_q", "attn_k", "attn_v", "attn_output"):
            writer.add_tensor(f"{block}.{name}.weight", weights(EMBED, EMBED))
        writer.add_tensor(f"{block}.ffn_norm.weight", np.ones(EMBED, dtype=np.float32))
        writer.add_tensor(f"{block}.ffn_gate.weight", weights(FEED_FORWARD, EMBED))
        writer.add_tensor(f"{block}.ffn_up.weight", weights(FEED_FORWARD, EMBED))
        writer.add_tensor(f"{block}.ffn_down.weight", weights(EMBED, FEED_FORWARD))

    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path
