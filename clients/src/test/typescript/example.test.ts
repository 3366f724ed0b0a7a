// A course platform's use of the TypeScript client (the example of docs/clients.md): pick an avatar and a voice,
// request a video, follow it to READY and download its file. AVATAR_VIDEO_URL and AVATAR_VIDEO_API_KEY say where the
// service is and which key to use.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { CatalogApi, Configuration, ResponseError, VideosApi, type Video } from "avatar-video-client";

const config = new Configuration({
  basePath: process.env.AVATAR_VIDEO_URL, // e.g. http://localhost:8080
  accessToken: process.env.AVATAR_VIDEO_API_KEY, // sent as Authorization: Bearer …
});
const videos = new VideosApi(config);
const catalog = new CatalogApi(config);

async function finished(id: string): Promise<Video> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const video = await videos.getVideo({ id });
    if (video.status === "READY" || video.status === "FAILED") {
      return video;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`video ${id} did not finish within 60 s`);
}

test("a requested video reaches READY and its file downloads intact", async () => {
  const avatar = (await catalog.listAvatars({ avatarType: "studio_avatar" })).items[0];
  const voice = (await catalog.listVoices({ language: "English" })).items[0];
  const queued = await videos.createVideo({
    videoRequest: {
      title: "Lesson 1: Welcome",
      scenes: [{ avatarId: avatar.id, voiceId: voice.id, script: "Welcome to the course." }],
    },
  });
  assert.equal(queued.status, "QUEUED");

  const video = await finished(queued.id);
  assert.equal(video.status, "READY", `failed: ${video.error?.code} ${video.error?.message}`);
  const file = video.file!;
  const bytes = Buffer.from(await (await fetch(file.fileUrl)).arrayBuffer());
  assert.equal(bytes.length, file.fileSize);
  assert.equal("sha256:" + createHash("sha256").update(bytes).digest("hex"), file.checksum);
  console.log(`READY ${video.id} ${file.fileSize} ${file.checksum}`);
});

test("a video the service does not have is a 404 problem", async () => {
  try {
    await videos.getVideo({ id: "00000000-0000-4000-8000-000000000000" });
    assert.fail("expected a 404");
  } catch (error) {
    if (!(error instanceof ResponseError)) {
      throw error;
    }
    assert.equal(error.response.status, 404);
    const problem = await error.response.json(); // application/problem+json: type, title, status, detail
    assert.equal(problem.status, 404);
  }
});
