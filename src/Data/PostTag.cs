namespace Blog.Data;

/// <summary>
/// A post carries a tag: one row of the PostTags table behind <see cref="Post.Tags"/> and
/// <see cref="Tag.Posts"/>. Queries that need the links alone (a tag's posts, a post's tags,
/// merging two tags) read this instead of loading posts or tags.
/// </summary>
public class PostTag
{
    public int PostId { get; set; }
    public int TagId { get; set; }
}
