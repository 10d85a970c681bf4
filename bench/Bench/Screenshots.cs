using System.Globalization;
using System.Text;
using NetVips;

namespace Bench;

/// <summary>
/// Screenshots as study notes hold them, drawn with libvips: 2560×1600 PNGs (a Retina capture) of an
/// editor with code and a file tree, a terminal of training logs, loss curves and attention heatmaps,
/// with real anti-aliased text (Latin and CJK) so that they compress as captures do, not as flat colour.
/// </summary>
public sealed class Screenshots(int seed)
{
    private const int Width = 2560, Height = 1600;
    private readonly Random _random = new(seed);

    private static readonly string[] Code =
    [
        "import torch", "import torch.nn as nn", "from torch.nn import functional as F", "",
        "class MultiHeadAttention(nn.Module):", "    \"\"\"多头注意力：把 d_model 拆成 h 个头并行计算\"\"\"",
        "    def __init__(self, d_model: int, n_heads: int, dropout: float = 0.1):", "        super().__init__()",
        "        assert d_model % n_heads == 0, \"d_model 必须能被 n_heads 整除\"", "        self.d_k = d_model // n_heads",
        "        self.qkv = nn.Linear(d_model, 3 * d_model)", "        self.proj = nn.Linear(d_model, d_model)", "",
        "    def forward(self, x, mask=None):", "        B, T, C = x.shape", "        q, k, v = self.qkv(x).split(C, dim=-1)",
        "        att = (q @ k.transpose(-2, -1)) / math.sqrt(self.d_k)  # 缩放点积",
        "        if mask is not None:", "            att = att.masked_fill(mask == 0, float('-inf'))",
        "        att = F.softmax(att, dim=-1)", "        return self.proj(att @ v)",
    ];

    public byte[] Make(int index) => (index % 5) switch
    {
        0 or 3 => Editor(),
        1 => Terminal(),
        2 => Chart(),
        _ => Heatmap(),
    };

    private byte[] Editor()
    {
        var canvas = Canvas(250, 250, 250);
        canvas = Box(canvas, 0, 0, Width, 70, 40, 44, 52);
        canvas = Text(canvas, "attention.py — transformer-notes — Visual Studio Code", 40, 18, 26, (220, 220, 220));
        canvas = Box(canvas, 0, 70, 520, Height - 70, 243, 243, 243);
        var tree = string.Join("\n", Enumerable.Range(0, 34).Select(i => (i % 4 == 0 ? "▾ " : "    ") + Word() + (i % 4 == 0 ? "" : ".py")));
        canvas = Text(canvas, tree, 30, 100, 24, (60, 60, 60));
        var lines = Enumerable.Range(0, 42).Select(i => Code[(i + _random.Next(3)) % Code.Length]).ToList();
        var numbers = string.Join("\n", Enumerable.Range(1, lines.Count).Select(n => n.ToString(CultureInfo.InvariantCulture).PadLeft(3)));
        canvas = Text(canvas, numbers, 560, 100, 26, (150, 150, 150));
        canvas = Text(canvas, string.Join("\n", lines), 660, 100, 26, (30, 70, 140));
        canvas = Box(canvas, 2100, 100, 380, 1400, 235, 238, 242);
        canvas = Text(canvas, string.Join("\n", Enumerable.Range(0, 40).Select(_ => new string('▬', _random.Next(4, 14)))), 2110, 110, 10, (120, 130, 150));
        return Png(canvas);
    }

    private byte[] Terminal()
    {
        var canvas = Canvas(24, 26, 30);
        var sb = new StringBuilder();
        var loss = 2.8;
        for (var step = 0; step < 44; step++)
        {
            loss *= 0.97 + _random.NextDouble() * 0.02;
            sb.Append(CultureInfo.InvariantCulture, $"epoch {step / 11 + 1} step {step * 50,5} | loss {loss:F4} | lr {3e-4 * (1 - step / 60.0):E2} | 吞吐 {1800 + _random.Next(400)} tok/s | grad_norm {_random.NextDouble() * 2:F3}\n");
        }
        canvas = Text(canvas, sb.ToString(), 40, 40, 27, (120, 230, 150));
        return Png(canvas);
    }

    private byte[] Chart()
    {
        var canvas = Canvas(255, 255, 255);
        canvas = Text(canvas, "训练损失与验证损失（learning rate = 3e-4, batch = 256）", 300, 50, 40, (30, 30, 30));
        for (var i = 0; i <= 10; i++)
        {
            canvas = Text(canvas, (3.0 - i * 0.3).ToString("F1", CultureInfo.InvariantCulture), 120, 185 + i * 120, 24, (90, 90, 90));
            canvas = Text(canvas, (i * 1000).ToString(CultureInfo.InvariantCulture), 190 + i * 220, 1420, 24, (90, 90, 90));
        }
        canvas = canvas.Mutate(m =>
        {
            for (var i = 0; i <= 10; i++)
            {
                m.DrawLine(new double[] { 225, 225, 225 }, 200, 200 + i * 120, 2400, 200 + i * 120);
                m.DrawLine(new double[] { 225, 225, 225 }, 200 + i * 220, 200, 200 + i * 220, 1400);
            }
            foreach (var (colour, offset) in new[] { (new double[] { 31, 119, 180 }, 0.0), (new double[] { 255, 127, 14 }, 0.25), (new double[] { 44, 160, 44 }, 0.5) })
            {
                double y0 = 260, x0 = 200;
                for (var x = 204; x < 2400; x += 4)
                {
                    var y = 200 + 1200 * (1 - Math.Exp(-(x - 200) / 600.0)) * (0.8 - offset * 0.3) + _random.NextDouble() * 30 + offset * 80;
                    m.DrawLine(colour, (int)x0, (int)y0, x, (int)y);
                    m.DrawLine(colour, (int)x0, (int)y0 + 1, x, (int)y + 1);
                    (x0, y0) = (x, y);
                }
            }
        });
        return Png(canvas);
    }

    private byte[] Heatmap()
    {
        using var noise = Image.Gaussnoise(64, 40, sigma: 60, mean: 128);
        var cells = noise.Resize(Width / 64.0 * 0.8, kernel: Enums.Kernel.Cubic).Cast(Enums.BandFormat.Uchar).Falsecolour();
        var canvas = Canvas(255, 255, 255).Insert(cells, 200, 140);
        canvas = Text(canvas, "第 3 层第 5 个注意力头的权重（query × key）", 200, 40, 40, (30, 30, 30));
        return Png(canvas);
    }

    private string Word() => new[] { "attention", "layers", "数据集", "tokenizer", "训练", "utils", "lora", "diffusion", "评估", "config" }[_random.Next(10)];

    private static Image Canvas(byte r, byte g, byte b) =>
        Image.Black(Width, Height, bands: 3).NewFromImage(new double[] { r, g, b }).Copy(interpretation: Enums.Interpretation.Srgb);

    private static Image Box(Image canvas, int x, int y, int width, int height, byte r, byte g, byte b) =>
        canvas.Mutate(m => m.DrawRect(new double[] { r, g, b }, x, y, width, height, fill: true));

    private static Image Text(Image canvas, string text, int x, int y, int size, (byte R, byte G, byte B) colour)
    {
        using var mask = Image.Text(System.Security.SecurityElement.Escape(text), font: $"Noto Sans Mono CJK SC {size}", dpi: 72);
        using var ink = mask.NewFromImage(new double[] { colour.R, colour.G, colour.B }).Copy(interpretation: Enums.Interpretation.Srgb);
        using var layer = ink.Bandjoin(mask);
        return canvas.Composite2(layer, Enums.BlendMode.Over, x: x, y: y).Flatten().Cast(Enums.BandFormat.Uchar);
    }

    private static byte[] Png(Image image) => image.PngsaveBuffer(compression: 6);
}
