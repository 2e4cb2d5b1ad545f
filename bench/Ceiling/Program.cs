// Bare Kestrel returning a JSON object the size of a Roster user: the most this machine serves with the
// same load settings. Roster's figures are reported as a fraction of it.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var user = new Dictionary<string, object?>
{
    ["id"] = "zJKyaiAyTNC-MWjiWC18KQ", ["first_name"] = "User", ["last_name"] = "0500000", ["display_name"] = "User 0500000",
    ["email"] = "user0500000@seed.example.com", ["type"] = 1, ["role_name"] = "Member", ["pmi"] = 3542471135L, ["use_pmi"] = false,
    ["personal_meeting_url"] = "http://127.0.0.1:5080/j/3542471135", ["timezone"] = "", ["verified"] = 0, ["dept"] = "",
    ["created_at"] = "2026-11-28T23:55:54Z", ["user_created_at"] = "2026-11-28T23:55:54Z", ["pic_url"] = "", ["cms_user_id"] = "",
    ["jid"] = "zjkyaiaytnc-mwjiwc18kq@xmpp.roster.local", ["group_ids"] = Array.Empty<string>(), ["im_group_ids"] = Array.Empty<string>(),
    ["account_id"] = "q6gBJVO5TzexKYTb_I2rpg", ["account_number"] = 1000000001L, ["cluster"] = "roster", ["language"] = "en-US",
    ["phone_country"] = "", ["phone_number"] = "", ["status"] = "active", ["job_title"] = "", ["location"] = "", ["company"] = "",
    ["manager"] = "", ["login_types"] = new[] { 99 }, ["role_id"] = "2",
};
app.MapGet("/user", () => Results.Json(user));
app.Run();
