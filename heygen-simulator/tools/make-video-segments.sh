#!/bin/sh
# Makes the pre-encoded pieces the HeyGen simulator joins into its MP4s (see VideoSplicer). Run once from the module's
# directory; the output is committed, so neither the build nor the simulator needs ffmpeg:
#   cd heygen-simulator && tools/make-video-segments.sh
# Made with Debian's ffmpeg 5.1 (libx264, native AAC encoder) and the DejaVu fonts.
#
# Every video piece is 0.64 s at 25 frames/s: one IDR frame and 15 P-frames of a still picture, H.264 Main profile,
# no B-frames (so no composition offsets or edit lists to carry across joins). 0.64 s is also exactly 30 AAC frames at
# 48 kHz, so a video of n pieces has audio and video of exactly the same length. One set per frame size HeyGen
# renders (short edge 720, 1080 or 2160; 16:9, 9:16, 1:1, 4:5, 5:4), each plain and with a burned-in caption bar.
# silence.mp4 is two seconds of silent 48 kHz mono AAC-LC; the simulator takes whole frames from its middle.
set -eu
out=src/main/resources/dev/avatarvideo/heygen/simulator/segments
mkdir -p "$out"
bold=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
plain=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

piece() { # width height captioned
    w=$1 h=$2 captioned=$3
    short=$(( w < h ? w : h ))
    big=$(( w / 12 < short / 10 ? w / 12 : short / 10 )) small=$(( short / 24 ))
    head=$(( short * 18 / 100 )) body=$(( short * 36 / 100 )) top=$(( h * 40 / 100 ))
    filter="drawbox=x=(iw-$head)/2:y=$top:w=$head:h=$head:color=0x8c9bbf:t=fill"
    filter="$filter,drawbox=x=(iw-$body)/2:y=$top+$head*1.1:w=$body:h=ih:color=0x3a4a6b:t=fill"
    filter="$filter,drawtext=fontfile=$bold:text='SIMULATED HeyGen':fontcolor=white:fontsize=$big:x=(w-tw)/2:y=h*0.07"
    filter="$filter,drawtext=fontfile=$plain:text='not a real avatar video':fontcolor=0xc8d0e0:fontsize=$small:x=(w-tw)/2:y=h*0.07+$big*1.3"
    name="${w}x${h}"
    if [ "$captioned" = 1 ]; then
        filter="$filter,drawbox=x=0:y=ih*0.8:w=iw:h=ih*0.12:color=black@0.8:t=fill"
        filter="$filter,drawtext=fontfile=$plain:text='[simulated burned-in captions]':fontcolor=white:fontsize=$small:x=(w-tw)/2:y=h*0.86-th/2"
        name="$name-captioned"
    fi
    ffmpeg -v error -y -f lavfi -i "color=c=0x1f2a44:s=${w}x${h}:r=25:d=0.64" -vf "$filter" \
        -c:v libx264 -profile:v main -pix_fmt yuv420p -bf 0 -g 16 -keyint_min 16 -sc_threshold 0 -crf 30 -tune stillimage \
        -an -map_metadata -1 -fflags +bitexact -movflags +faststart "$out/$name.mp4"
}

for short in 720 1080 2160; do
    for shape in 16:9 9:16 1:1 4:5 5:4; do
        across=${shape%:*} down=${shape#*:}
        if [ "$across" -ge "$down" ]; then h=$short w=$(( short * across / down )); else w=$short h=$(( short * down / across )); fi
        piece "$w" "$h" 0
        piece "$w" "$h" 1
    done
done
ffmpeg -v error -y -f lavfi -i "anullsrc=r=48000:cl=mono" -t 2 -c:a aac -b:a 32k \
    -map_metadata -1 -fflags +bitexact -movflags +faststart "$out/silence.mp4"
