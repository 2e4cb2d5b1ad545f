namespace Roster.Domain.Users;

/// <summary>
/// The add-on licences GET /users can filter by (<c>license</c>). A user holds one when its settings turn on the
/// <c>feature</c> flag of the same name (<c>feature.zoom_workforce_management</c>, …), as Zoom's settings show it.
/// </summary>
public static class UserLicenses
{
    public static readonly string[] All = ["zoom_workforce_management", "zoom_compliance_management"];
}
