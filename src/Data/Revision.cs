namespace Blog.Data;

/// <summary>The title and Markdown a post had before one of its saves.</summary>
public class Revision
{
    public int Id { get; set; }
    public int PostId { get; set; }
    public Post? Post { get; set; }
    public required string Title { get; set; }
    public required string Markdown { get; set; }
    public DateTime SavedAt { get; set; }
}
