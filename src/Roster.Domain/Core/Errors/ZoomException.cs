
namespace Roster.Domain.Errors;

/// <summary>Thrown by domain rules; aborts the surrounding transaction so nothing is half-written.</summary>
public sealed class ZoomException(ZoomError error) : Exception(error.Message)
{
    public ZoomError Error { get; } = error;
}
