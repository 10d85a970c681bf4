using Blog.Media;

namespace Blog.Tests.Images;

public class AltTextsTests
{
    [Theory]
    [InlineData("image-20240510091624087")]
    [InlineData("image")]
    [InlineData("截屏2024-05-10 09.16.24")]
    [InlineData("屏幕截图 2024-05-10 091624")]
    [InlineData("Screenshot 2024-05-10 at 09.16.24")]
    [InlineData("Screen Shot 2024-05-10 at 9.16.24 AM")]
    [InlineData("Pasted image 20240510091624")]
    [InlineData("微信图片_20240510091624")]
    [InlineData("IMG_1234")]
    [InlineData("loss-curve.png")]
    [InlineData("e3b0c44298fc1c14")]
    [InlineData("  ")]
    [InlineData(null)]
    public void FileNameLikeAltTexts_CountAsMissing(string? alt) => Assert.True(AltTexts.IsMissing(alt));

    [Theory]
    [InlineData("注意力热力图")]
    [InlineData("Transformer 结构图")]
    [InlineData("训练损失随 epoch 下降")]
    [InlineData("image of the attention heads")]
    [InlineData("截屏：VS Code 的调试面板")]
    public void Descriptions_AreKept(string alt)
    {
        Assert.False(AltTexts.IsMissing(alt));
        Assert.Equal(alt, AltTexts.For(alt, "作者写的描述"));
    }

    [Fact]
    public void AFileNameAlt_GivesWayToTheImagesDescription()
    {
        Assert.Equal("多头注意力的计算流程", AltTexts.For("image-20240510091624087", "多头注意力的计算流程"));
        Assert.Equal("", AltTexts.For("image-20240510091624087", null));
    }

    [Fact]
    public void Variants_NeverWiderThanTheImage_NoneForHugeOrAnimatedImages()
    {
        Assert.Equal([480, 960, 1600], ImageVariants.WidthsFor("a.png", new PixelSize(2560, 1600)));
        Assert.Equal([480, 960, 1200], ImageVariants.WidthsFor("a.png", new PixelSize(1200, 800)));
        Assert.Equal([300], ImageVariants.WidthsFor("a.jpg", new PixelSize(300, 200)));
        Assert.Empty(ImageVariants.WidthsFor("a.gif", new PixelSize(1200, 800)));
        Assert.Empty(ImageVariants.WidthsFor("a.png", new PixelSize(100_000, 100_000)));
    }
}
