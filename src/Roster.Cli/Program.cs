return await Roster.Cli.Cli.RunAsync(args, Roster.Cli.CliEnvironment.Default());
