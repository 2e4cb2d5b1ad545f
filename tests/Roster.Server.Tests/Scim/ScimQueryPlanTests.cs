using Roster.Storage;

namespace Roster.Server.Tests;

/// <summary>SCIM's indexed filters (<c>userName eq</c>, <c>externalId eq</c>, <c>id eq</c>) read one index entry, not the account's users.</summary>
public class ScimQueryPlanTests
{
    [Fact]
    public async Task UserNameAndExternalIdFiltersSearchAnIndexOnSqlite()
    {
        var dir = TestTemp.NewFolder("roster-scim-plan");
        try
        {
            using (var store = new SqliteStore(Path.Combine(dir, "roster.db"))) store.Migrate();
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dir, "roster.db")};Pooling=false");
            await connection.OpenAsync();
            foreach (var (sql, name) in new[] { (UserStore.ByEmail, "@email"), (UserStore.ById, "@id") })
            {
                await using var plan = connection.CreateCommand();
                plan.CommandText = "EXPLAIN QUERY PLAN " + sql;
                plan.Parameters.AddWithValue(name, "x");
                var steps = new List<string>();
                await using (var reader = await plan.ExecuteReaderAsync())
                    while (await reader.ReadAsync()) steps.Add(reader.GetString(3));
                Assert.True(steps.Count == 1 && steps[0].StartsWith("SEARCH users USING", StringComparison.Ordinal) && steps[0].Contains("=?", StringComparison.Ordinal),
                    $"{name}: {string.Join(" | ", steps)}");
            }
        }
        finally
        {
            TestTemp.Delete(dir);
        }
    }
}
