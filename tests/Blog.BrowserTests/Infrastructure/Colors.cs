namespace Blog.BrowserTests.Infrastructure;

public sealed record ElementColors(int[] Background, int[] Text)
{
    public double BackgroundLuminance => Luminance(Background);

    /// <summary>WCAG 2 contrast ratio between the text and its background (1 to 21).</summary>
    public double Contrast
    {
        get
        {
            var (a, b) = (Luminance(Background), Luminance(Text));
            return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
        }
    }

    /// <summary>WCAG 2 relative luminance of an sRGB color: 0 is black, 1 is white.</summary>
    public static double Luminance(int[] rgb)
    {
        static double Linear(int c)
        {
            var s = c / 255.0;
            return s <= 0.04045 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Linear(rgb[0]) + 0.7152 * Linear(rgb[1]) + 0.0722 * Linear(rgb[2]);
    }

    public override string ToString() =>
        $"background rgb({string.Join(", ", Background)}), text rgb({string.Join(", ", Text)}), contrast {Contrast:0.0}";
}
