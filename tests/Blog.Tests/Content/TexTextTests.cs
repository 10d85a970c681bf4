using Blog.Content.Formulas;

namespace Blog.Tests.Content;

/// <summary>Formulas as readable text where pages show text, never TeX.</summary>
public class TexTextTests
{
    [Theory]
    [InlineData(@"\mathrm{softmax}(QK^\top/\sqrt{d_k})V", "softmax(QKᵀ/√d_k)V")]
    [InlineData(@"\frac{1}{\sqrt{d_k}}", "1/√d_k")]
    [InlineData(@"N \times N", "N × N")]
    [InlineData(@"\frac{a+b}{2}", "(a+b)/2")]
    [InlineData(@"x^{-1} + y^2", "x⁻¹ + y²")]
    [InlineData(@"\sum_{i=1}^{n} \alpha_i", "∑_(i=1)ⁿ α_i")]
    [InlineData(@"\mathcal{L}(\theta) = -\log p_\theta(x)", "L(θ) = −log p_θ(x)")]
    [InlineData(@"W \in \mathbb{R}^{d \times r}", "W ∈ ℝ^(d × r)")]
    [InlineData(@"\left( \frac{QK^T}{\sqrt{d}} \right)", "(QKᵀ/√d)")]
    [InlineData(@"\hat{y} \approx y", "ŷ ≈ y")]
    [InlineData(@"\newcommand{\R}{\mathbb{R}} x \in \R", "x ∈ R")]
    [InlineData(@"\text{损失} = \operatorname{KL}(p \| q)", "损失 = KL(p ‖ q)")]
    public void Formula_ReadsAsText(string tex, string expected)
    {
        Assert.Equal(expected, TexText.Of(tex));
    }

    [Theory]
    [InlineData(@"\frac{")]
    [InlineData(@"\sqrt[")]
    [InlineData(@"x^")]
    [InlineData(@"{{{{")]
    [InlineData(@"\")]
    public void BrokenFormula_StillGivesText(string tex)
    {
        var text = TexText.Of(tex);

        Assert.DoesNotContain("\\", text);
    }
}
