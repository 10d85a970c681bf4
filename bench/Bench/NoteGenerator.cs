using System.Text;

namespace Bench;

/// <summary>Realistic study notes: Chinese prose with English terms, formulas, Python, tables. Deterministic per seed.</summary>
internal sealed class NoteGenerator(int seed)
{
    private static readonly string[] Topics = ["注意力机制", "低秩适配", "扩散模型", "变分自编码器", "强化学习", "向量检索", "量化推理", "知识蒸馏", "对比学习", "混合专家"];
    private static readonly string[] Terms = ["Transformer", "LoRA", "softmax", "KV cache", "RLHF", "embedding", "tokenizer", "gradient", "batch norm", "DDPM"];
    private static readonly string[] Phrases =
    [
        "在实际训练中我们发现", "这一步的关键在于", "从直觉上理解", "需要注意的是", "实验结果表明",
        "与传统方法相比", "为了降低显存占用", "推导过程如下", "这里的符号含义是", "换句话说",
    ];
    private static readonly string[] Categories = ["Large Model", "Generative Model", "Python"];
    private static readonly string[] Formulas =
    [
        @"\frac{QK^\top}{\sqrt{d_k}}", @"\mathcal{L} = -\sum_i y_i \log p_i", @"W = W_0 + BA", @"x_t = \sqrt{\bar\alpha_t}x_0 + \sqrt{1-\bar\alpha_t}\epsilon",
        @"\nabla_\theta J(\theta)", @"p(x) = \int p(x \mid z)p(z)\,dz", @"\mathrm{KL}(q \,\|\, p)", @"a_1 + b_1 = c_1^*",
    ];

    private readonly Random _random = new(seed);
    private string[] _topics = Topics;
    private string[] _terms = Terms;

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private T[] Subset<T>(T[] items, int count) => items.OrderBy(_ => _random.Next()).Take(count).ToArray();

    public string Paragraph(int sentences)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < sentences; i++)
            sb.Append(Pick(Phrases)).Append("，").Append(Pick(_terms)).Append(" 的作用是把 ").Append(Pick(_topics))
              .Append(" 表示为 $").Append(Pick(Formulas)).Append("$，从而简化计算。");
        return sb.ToString();
    }

    public static string Code(int n) => $$"""
        ```python
        import torch
        import torch.nn as nn

        class Block{{n}}(nn.Module):
            def __init__(self, dim: int = 512):
                super().__init__()
                self.attn = nn.MultiheadAttention(dim, 8)
                self.norm = nn.LayerNorm(dim)

            def forward(self, x):
                return self.norm(x + self.attn(x, x, x)[0])
        ```
        """;

    /// <summary>A note of about <paramref name="characters"/> characters with the given numbers of display formulas and code blocks.</summary>
    public string Body(int characters, int formulas, int codeBlocks)
    {
        var sb = new StringBuilder();
        var section = 0;
        while (sb.Length < characters || formulas > 0 || codeBlocks > 0)
        {
            section++;
            sb.Append("## ").Append(section).Append(". ").Append(Pick(_topics)).Append(' ').Append(Pick(_terms)).Append("\n\n");
            sb.Append(Paragraph(4)).Append("\n\n");
            if (formulas-- > 0)
                sb.Append("$$\n").Append(Pick(Formulas)).Append("\n$$\n\n");
            if (codeBlocks-- > 0)
                sb.Append(Code(section)).Append("\n\n");
            if (section % 4 == 0)
                sb.Append("| 方法 | 参数量 | 效果 |\n|---|---:|---|\n| ").Append(Pick(_terms)).Append(" | 7B | 好 |\n\n");
        }
        return sb.ToString();
    }

    public string Note(int index, DateTime date)
    {
        // A note dwells on a few topics and terms, as a real one does: a search word is in some notes, not all.
        _topics = Subset(Topics, 3);
        _terms = Subset(Terms, 4);
        var title = $"{Pick(_topics)}笔记 {index}：{Pick(_terms)} 的原理与实践";
        return $"""
            ---
            title: "{title}"
            date: {date:yyyy-MM-dd HH:mm:ss}
            categories: {Pick(Categories)}
            tags: [{Pick(_terms)}, {Pick(_topics)}]
            slug: note-{index}
            ---

            {Body(3000, 3, 2)}
            """;
    }
}
