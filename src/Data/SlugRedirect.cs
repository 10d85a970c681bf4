namespace Blog.Data;

/// <summary>A slug a post used to have; its URL answers 301 to the current one.</summary>
public class SlugRedirect
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public int PostId { get; set; }
    public Post? Post { get; set; }
}
