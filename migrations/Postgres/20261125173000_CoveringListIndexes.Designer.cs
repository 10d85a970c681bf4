// Written by hand (the design-time tool mixes up the two providers' snapshots): the operations are
// those of the SQLite migration of the same name, and the model is the snapshot's.
using Blog.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Blog.Migrations.Postgres
{
    [DbContext(typeof(BlogDbContext))]
    [Migration("20261125173000_CoveringListIndexes")]
    partial class CoveringListIndexes
    {
    }
}
