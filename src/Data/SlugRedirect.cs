namespace Blog.Data;

public enum RedirectKind
{
    Post = 0,
    Category = 1,
    Tag = 2,
}

/// <summary>
/// A slug a post, category or tag used to have; its old URL answers 301 to the current one.
/// It points at the target's id, so a second rename needs no chain of redirects.
/// </summary>
public class SlugRedirect
{
    public int Id { get; set; }
    public RedirectKind Kind { get; set; }
    public required string Slug { get; set; }
    public int TargetId { get; set; }
}
