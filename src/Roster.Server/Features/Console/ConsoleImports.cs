using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Users;

namespace Roster.Server.AdminConsole;

/// <summary>
/// The console's CSV imports: the file is read whole first (header <c>email[,first_name,last_name,type,action,password]</c>,
/// as <c>roster users import</c> reads it; at most <see cref="MaxRows"/> rows and <see cref="MaxBytes"/> bytes), then
/// its rows are added in the background while a page shows the progress. Nothing of the file is stored or logged
/// (its passwords least of all). Imports live in this node's memory for an hour after they end.
/// </summary>
public sealed class ConsoleImports(UsersService users, [FromKeyedServices("real")] TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<ConsoleImports> log)
{
    public const int MaxRows = 10_000;
    public const long MaxBytes = 2 * 1024 * 1024;
    public const int MaxRunning = 4;
    static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);
    static readonly string[] Columns = ["email", "first_name", "last_name", "type", "action", "password"];

    readonly ConcurrentDictionary<string, ImportJob> _jobs = new(StringComparer.Ordinal);

    /// <summary>One row as read, with its line in the file.</summary>
    sealed record Row(int Line, string Email, string? FirstName, string? LastName, string? Type, string? Action, string? Password);

    /// <summary>The rows of a CSV file, or the problems that refuse the whole file (nothing is added then).</summary>
    static List<Row> Read(Stream csv, List<FieldError> problems)
    {
        var rows = new List<Row>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(), TrimOptions = TrimOptions.Trim, DetectDelimiter = false,
            BadDataFound = null, MissingFieldFound = null,
        };
        using var reader = new StreamReader(csv, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvReader(reader, config);
        try
        {
            if (!parser.Read() || !parser.ReadHeader() || parser.HeaderRecord is not { } header)
            {
                problems.Add(new FieldError("file", "The file is empty; its first line names the columns (email[,first_name,last_name,type,action,password])."));
                return rows;
            }
            var names = header.Select(h => h.Trim().ToLowerInvariant()).ToList();
            if (!names.Contains("email")) problems.Add(new FieldError("file", "The first line must name an email column."));
            if (names.FirstOrDefault(n => !Columns.Contains(n)) is { } unknown) problems.Add(new FieldError("file", $"Unknown column \"{unknown}\": the columns are {string.Join(", ", Columns)}."));
            if (names.Distinct().Count() != names.Count) problems.Add(new FieldError("file", "A column is named twice."));
            if (problems.Count > 0) return rows;
            string? Field(string name) => names.Contains(name) && parser.GetField(name) is { Length: > 0 } v ? v : null;
            while (parser.Read())
            {
                if (rows.Count == MaxRows)
                {
                    problems.Add(new FieldError("file", $"At most {MaxRows:N0} rows can be imported at once; split the file."));
                    return rows;
                }
                rows.Add(new Row(parser.Parser.RawRow, Field("email") ?? "", Field("first_name"), Field("last_name"), Field("type"), Field("action"), Field("password")));
            }
        }
        catch (Exception e) when (e is CsvHelperException or DecoderFallbackException)
        {
            problems.Add(new FieldError("file", $"The file is not CSV this import reads (line {parser.Parser.RawRow})."));
        }
        if (rows.Count == 0 && problems.Count == 0) problems.Add(new FieldError("file", "The file has no rows under its header."));
        return rows;
    }

    /// <summary>Reads the file and starts adding its rows as <paramref name="caller"/>; the file's problems refuse it whole.</summary>
    public ImportJob Start(Caller caller, Stream csv, string defaultAction)
    {
        Forget();
        if (!CreateActions.All.Contains(defaultAction)) throw Fail.InvalidField("action");
        if (_jobs.Values.Count(j => !j.Finished) >= MaxRunning) throw Fail.Invalid($"At most {MaxRunning} imports run at once on a server; wait for one to end.");
        var problems = new List<FieldError>();
        var rows = Read(csv, problems);
        if (problems.Count > 0) throw Fail.Validation([.. problems]);
        var job = new ImportJob(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(), caller.AccountId, rows.Count);
        _jobs[job.Id] = job;
        _ = Task.Run(() => RunAsync(job, caller, rows, defaultAction));
        return job;
    }

    async Task RunAsync(ImportJob job, Caller caller, List<Row> rows, string defaultAction)
    {
        var stop = lifetime.ApplicationStopping;
        string? stopped = null;
        foreach (var row in rows)
        {
            if (stop.IsCancellationRequested)
            {
                stopped = "The server stopped before the import ended; rows after the last one counted were not added.";
                break;
            }
            try
            {
                int? type = row.Type is null ? null
                    : int.TryParse(row.Type, NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : throw Fail.InvalidField("user_info.type");
                await users.CreateAsync(caller, new CreateUserRequest
                {
                    Action = row.Action ?? defaultAction,
                    UserInfo = new NewUserInfo { Email = row.Email, FirstName = row.FirstName, LastName = row.LastName, Type = type ?? UserTypes.Basic, Password = row.Password },
                }, stop);
                job.Succeeded();
            }
            catch (ZoomException e)
            {
                job.Failed(new ImportFailure(row.Line, row.Email, $"{e.Error.Code}: {ConsolePages.Explain(e.Error)}"));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                stopped = "The server stopped before the import ended; rows after the last one counted were not added.";
                break;
            }
            catch (Exception e)
            {
                // the store out of reach, say: the row is counted as failed with what is safe to show, and the import goes on
                log.LogError(e, "Import {Import}: line {Line} could not be added", job.Id, row.Line);
                job.Failed(new ImportFailure(row.Line, row.Email, "The server could not add this row; try it again."));
            }
        }
        job.Finish(clock.GetUtcNow(), stopped);
    }

    /// <summary>The import with this id of this account, or null (another account's import is as absent as none).</summary>
    public ImportJob? Find(string accountId, string id) => _jobs.TryGetValue(id, out var job) && job.AccountId == accountId ? job : null;

    /// <summary>Drops imports that ended more than an hour ago.</summary>
    void Forget()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, job) in _jobs)
            if (job.FinishedAt is { } at && now - at > KeptFor) _jobs.TryRemove(id, out _);
    }
}
