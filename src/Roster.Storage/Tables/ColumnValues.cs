using System.Data;

namespace Roster.Storage;

/// <summary>
/// Arguments given as names and values (a <see cref="ColumnTable{T}"/>'s row) rather than as an object's properties:
/// bound by name on a kept statement (<see cref="StatementCache"/>), in a batch (<see cref="SqlRunner.SendLaterAsync"/>)
/// or by Dapper.
/// </summary>
internal sealed class ColumnValues(IReadOnlyList<string> names, object?[] values) : SqlMapper.IDynamicParameters
{
    public IReadOnlyList<string> Names => names;
    public object?[] Values => values;

    void SqlMapper.IDynamicParameters.AddParameters(IDbCommand command, SqlMapper.Identity identity)
    {
        for (var i = 0; i < names.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = names[i];
            parameter.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
    }
}
