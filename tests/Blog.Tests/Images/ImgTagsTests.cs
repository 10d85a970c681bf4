using Blog.Media;

namespace Blog.Tests.Images;

public class ImgTagsTests
{
    [Fact]
    public void QuotesInsideAnAltText_NeverBecomeAttributes()
    {
        // A formula in an image's label once came out as raw markup inside alt="...": a browser ends
        // the alt at the first quote and reads the rest as junk, never as an event handler.
        const string html = "<p><img src=\"/x.png\" alt=\"<span class=\"math\">\\(x&quot; onmouseover=&quot;alert(1)\\)</span>\" /></p>";

        var tag = Assert.Single(ImgTags.In(html));

        Assert.Equal("<span class=", tag.Get("alt"));
        Assert.Null(tag.Get("onmouseover"));
        Assert.DoesNotContain("onmouseover", tag.ToString());
    }

    [Fact]
    public void Attributes_AreReadInEveryQuotingStyle_FirstOfTwoWins()
    {
        var tag = Assert.Single(ImgTags.In("文字<IMG SRC=/media/a.png alt='注意力' width = \"300\" alt=\"second\" data-x>后文"));

        Assert.Equal(("/media/a.png", "注意力", "300"), (tag.Get("src"), tag.Get("alt"), tag.Get("width")));
        Assert.Equal("<img src=\"/media/a.png\" alt=\"注意力\" width=\"300\" data-x>", tag.ToString());
    }
}
