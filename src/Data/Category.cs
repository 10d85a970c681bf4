namespace Blog.Data;

public class Category
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string? Description { get; set; }
    public int Order { get; set; }
    public List<Post> Posts { get; set; } = [];
}
