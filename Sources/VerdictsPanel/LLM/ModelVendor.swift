/// Who makes a model, for the panel's conflict-of-interest rule: a model never silently reviews its
/// own vendor's tool. Read from the model's name when the operator has not said
/// (`VERDICTS_<BACKEND>_VENDOR`), since an OpenAI-compatible server may serve anyone's model.
public enum ModelVendor {
    private static let prefixes: [(String, String)] = [
        ("claude", "Anthropic"), ("gpt", "OpenAI"), ("chatgpt", "OpenAI"), ("o1", "OpenAI"), ("o3", "OpenAI"), ("o4", "OpenAI"),
        ("gemini", "Google"), ("gemma", "Google"), ("llama", "Meta"), ("mistral", "Mistral AI"), ("mixtral", "Mistral AI"),
        ("codestral", "Mistral AI"), ("qwen", "Alibaba"), ("deepseek", "DeepSeek"), ("phi", "Microsoft"), ("smollm", "Hugging Face"),
        ("command", "Cohere"), ("grok", "xAI"),
    ]

    /// The vendor a model's name points to, nil when it is not one this list knows.
    public static func guess(model: String) -> String? {
        let name = model.lowercased().split(separator: "/").last.map(String.init) ?? model.lowercased()
        return prefixes.first { name.hasPrefix($0.0) }?.1
    }

    /// Whether a model of `modelVendor` reviewing a tool of `toolVendor` reviews its own maker's tool:
    /// "Google" made a tool of "Google DeepMind"; case, spaces and punctuation aside.
    public static func isSame(_ modelVendor: String?, toolVendor: String) -> Bool {
        guard let modelVendor else { return false }
        let (a, b) = (normalised(modelVendor), normalised(toolVendor))
        guard !a.isEmpty, !b.isEmpty else { return false }
        return b.hasPrefix(a) || a.hasPrefix(b)
    }

    private static func normalised(_ vendor: String) -> String {
        String(vendor.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}
