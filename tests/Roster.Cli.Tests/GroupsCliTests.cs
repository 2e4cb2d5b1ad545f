using System.Text.Json.Nodes;

namespace Roster.Cli.Tests;

/// <summary><c>roster groups …</c> and <c>roster roles …</c> against a real Roster server in process.</summary>
public sealed partial class CliTests
{

    static List<JsonObject> JsonLines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];

    async Task<string> UserId(string email)
    {
        var (code, outText, _) = await Run("users", "create", "--email", email, "--type", "1", "--first-name", "M", "--last-name", email[..2], "--json");
        Assert.Equal(0, code);
        return JsonNode.Parse(outText)!["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task GroupCommandsWorkEndToEnd()
    {
        var ada = await UserId("ada@example.com");
        await UserId("bob@example.com");
        var (code, outText, _) = await Run("groups", "create", "Sales", "--json");
        Assert.Equal(0, code);
        var sales = JsonNode.Parse(outText)!["id"]!.GetValue<string>();
        (code, _, var errText) = await Run("groups", "create", "sales");
        Assert.Equal(1, code);
        Assert.Contains("already in use", errText);
        Assert.Equal(0, (await Run("groups", "create", "Ops")).Code);
        Assert.Equal(0, (await Run("groups", "rename", sales, "Field Sales")).Code);

        (code, outText, errText) = await Run("groups", "list");
        Assert.Equal(0, code);
        var list = Tsv(outText);
        Assert.Equal(["id", "name", "members"], list[0]);
        Assert.Equal(["Field Sales", "Ops"], list.Skip(1).Select(r => r[1]).Order(StringComparer.Ordinal));
        Assert.Equal("2 groups.", errText.Trim());

        (code, outText, errText) = await Run("groups", "add-members", sales, ada, "bob@example.com", "ghost@example.com");
        Assert.Equal(0, code);
        Assert.Equal(2, Tsv(outText).Count - 1);
        Assert.Contains("Added 2 members of 3 named.", errText);
        (code, outText, _) = await Run("groups", "members", sales);
        Assert.Equal(0, code);
        var members = Tsv(outText);
        Assert.Equal(["id", "email", "name", "type"], members[0]);
        Assert.Equal([ada, "ada@example.com", "M ad", "1"], members[1]);
        Assert.Equal("bob@example.com", members[2][1]);
        (_, outText, _) = await Run("groups", "get", sales, "--json");
        Assert.Equal(("Field Sales", 2), (JsonNode.Parse(outText)!["name"]!.GetValue<string>(), JsonNode.Parse(outText)!["total_members"]!.GetValue<int>()));

        Assert.Equal(0, (await Run("groups", "remove-member", sales, "bob@example.com")).Code);
        (code, _, errText) = await Run("groups", "remove-member", sales, "bob@example.com");
        Assert.Equal(1, code);
        Assert.Contains("does not exist", errText);
        (_, outText, _) = await Run("groups", "members", sales, "--json");
        Assert.Equal([ada], JsonNode.Parse(outText)!.AsArray().Select(m => m!["id"]!.GetValue<string>()));

        Assert.Equal(0, (await Run("groups", "delete", sales)).Code);
        (code, _, errText) = await Run("groups", "get", sales);
        Assert.Equal(1, code);
        Assert.Contains("4130", errText);
    }

    [Fact]
    public async Task ImportMembersAddsInBatchesOfThirtyAndReportsFailures()
    {
        var (_, outText, _) = await Run("groups", "create", "Everyone", "--json");
        var group = JsonNode.Parse(outText)!["id"]!.GetValue<string>();
        // 65 users through the bulk path of the server's own API would take long: make them with the users import
        var users = Path.Combine(_dir, "people.csv");
        await File.WriteAllLinesAsync(users, ["email,type", .. Enumerable.Range(0, 65).Select(i => $"p{i:D2}@example.com,1")]);
        Assert.Equal(0, (await Run("users", "import", users, "--concurrency", "4")).Code);
        var first = JsonNode.Parse((await Run("users", "get", "p00@example.com", "--json")).Out)!["id"]!.GetValue<string>();
        Assert.Equal(0, (await Run("groups", "add-members", group, "p01@example.com")).Code); // a member before the import

        // an email column, one row by id instead, one unknown e-mail, one empty row; 68 rows: three calls
        var csv = Path.Combine(_dir, "members.csv");
        await File.WriteAllLinesAsync(csv,
        [
            "Email,ID", $",{first}", .. Enumerable.Range(1, 64).Select(i => $"p{i:D2}@example.com,"), "ghost@example.com,", ",",
        ]);
        (var code, outText, var errText) = await Run("groups", "import-members", group, csv, "--json");
        Assert.Equal(1, code);
        Assert.Equal(["Adding 67 members to " + group + ", 30 a call", "  30/67, 0 failed", "  60/67, 0 failed", "  67/67, 2 failed"],
            errText.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var results = JsonLines(outText);
        var summary = results[^1]["summary"]!;
        Assert.Equal((64, 1, 2), (summary["added"]!.GetValue<int>(), summary["members"]!.GetValue<int>(), summary["failed"]!.GetValue<int>()));
        Assert.Equal("member", results.Single(r => r["email"]?.GetValue<string>() == "p01@example.com")["result"]!.GetValue<string>());
        Assert.Equal("added", results.Single(r => r["id"]?.GetValue<string>() == first)["result"]!.GetValue<string>());
        var ghost = results.Single(r => r["email"]?.GetValue<string>() == "ghost@example.com");
        Assert.Equal("failed", ghost["result"]!.GetValue<string>());
        Assert.StartsWith("1001 ", ghost["message"]!.GetValue<string>());
        var failed = await File.ReadAllLinesAsync(summary["failed_rows"]!.GetValue<string>());
        Assert.Equal(["email,id,error", "ghost@example.com,,1001 User does not exist: ghost@example.com.", ",,no email or id"], failed);
        Assert.Equal(65, JsonNode.Parse((await Run("groups", "get", group, "--json")).Out)!["total_members"]!.GetValue<int>());

        // again, in text: everyone is a member now, the same two fail
        (code, outText, _) = await Run("groups", "import-members", group, csv);
        Assert.Equal(1, code);
        var text = outText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Adding 67 members to " + group + ", 30 a call", text[0]);
        Assert.Contains("Added 0, already members 65, failed 2.", text);

        await File.WriteAllLinesAsync(csv, ["name", "x"]);
        (code, _, errText) = await Run("groups", "import-members", group, csv);
        Assert.Equal((2, true), (code, errText.Contains("no email or id column", StringComparison.Ordinal)));
        Assert.Equal(2, (await Run("groups", "import-members", group, Path.Combine(_dir, "missing.csv"))).Code);
        await File.WriteAllLinesAsync(csv, ["email", "p02@example.com"]);
        (code, _, _) = await Run("groups", "import-members", "nope", csv, "--json");
        Assert.Equal(1, code);
    }

    [Fact]
    public async Task RoleCommandsWorkEndToEnd()
    {
        var ada = await UserId("ada@example.com");
        await UserId("bob@example.com");
        var (code, outText, _) = await Run("roles", "list");
        Assert.Equal(0, code);
        var list = Tsv(outText);
        Assert.Equal(["id", "name", "members", "description"], list[0]);
        Assert.Equal(["0", "1", "2"], list.Skip(1).Select(r => r[0]));

        (code, outText, _) = await Run("roles", "create", "Help desk", "--description", "Reads users", "--privilege", "User:Read", "--privilege", "Role:Read", "--json");
        Assert.Equal(0, code);
        var desk = JsonNode.Parse(outText)!["id"]!.GetValue<string>();
        (code, outText, _) = await Run("roles", "get", desk);
        Assert.Equal(0, code);
        var fields = Tsv(outText).Skip(1).ToDictionary(r => r[0], r => r[1]);
        Assert.Equal(("Help desk", "Reads users", "User:Read Role:Read", "0"), (fields["name"], fields["description"], fields["privileges"], fields["total_members"]));

        (code, outText, _) = await Run("roles", "assign", desk, ada, "bob@example.com", "--json");
        Assert.Equal(0, code);
        Assert.Equal(2, JsonNode.Parse(outText)!["ids"]!.AsArray().Count);
        (code, outText, _) = await Run("roles", "members", desk);
        Assert.Equal(0, code);
        Assert.Equal(["ada@example.com", "bob@example.com"], Tsv(outText).Skip(1).Select(r => r[1]));
        Assert.Equal(desk, JsonNode.Parse((await Run("users", "get", ada, "--json")).Out)!["role_id"]!.GetValue<string>());

        (code, _, var errText) = await Run("roles", "delete", desk);
        Assert.Equal(1, code); // still held
        Assert.NotEmpty(errText);
        Assert.Equal(0, (await Run("roles", "unassign", desk, ada)).Code);
        Assert.Equal(0, (await Run("roles", "unassign", desk, "bob@example.com")).Code);
        Assert.Equal(0, (await Run("roles", "delete", desk)).Code);
        (_, outText, _) = await Run("roles", "list", "--json");
        Assert.Equal(3, JsonNode.Parse(outText)!["total_records"]!.GetValue<int>());
    }
}
