namespace Roster.Server.Users;

/// <summary>The multipart body of a picture upload: one part named <c>pic_file</c>, with a file name.</summary>
public sealed record PictureUpload(IFormFile PicFile);

/// <summary>The multipart body of a Virtual Background upload: one part named <c>file</c>, with a file name.</summary>
public sealed record BackgroundUpload(IFormFile File);
