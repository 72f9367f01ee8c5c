# Independent reference for schedulers.test.ts: diffusers' Euler / Euler-ancestral / DDIM / LCM formulas
# written out in numpy (float64). Usage: python3 scheduler_reference.py. Not run by the test suite.
import numpy as np
T=1000
betas=np.linspace(0.00085**0.5,0.012**0.5,T,dtype=np.float64)**2
ac=np.cumprod(1-betas)
sig=((1-ac)/ac)**0.5
np.set_printoptions(precision=10)
print("ac[0],ac[1],ac[999]", repr(ac[0]), repr(ac[1]), repr(ac[999]))
print("sigma max,min", repr(sig[999]), repr(sig[0]))
def euler_t(spacing,N,offset=0):
    if spacing=="linspace": return np.linspace(0,T-1,N)[::-1].copy()
    if spacing=="leading": return (np.arange(0,N)*(T//N)).round()[::-1].copy().astype(float)+offset
    return np.arange(T,0,-T/N).round()-1
for sp,N,off in [("trailing",4,0),("leading",3,1),("linspace",3,0)]:
    t=euler_t(sp,N,off); s=np.interp(t,np.arange(T),sig); s=np.concatenate([s,[0.0]])
    init = s.max() if sp!="leading" else (s.max()**2+1)**0.5
    print(sp,N,"t",list(t),"sig",[repr(x) for x in s],"init",repr(init))
# Euler step trailing 4, i=0
t=euler_t("trailing",4); s=np.concatenate([np.interp(t,np.arange(T),sig),[0.0]])
x=np.array([1.0,-2.0]); e=np.array([0.5,0.25])
print("scale_in", repr(x/((s[0]**2+1)**0.5)))
i=1
x0=x-s[i]*e; d=(x-x0)/s[i]; print("euler step i=1", [repr(v) for v in x+d*(s[i+1]-s[i])])
# ancestral i=1 with z
z=np.array([0.3,-0.7])
fr,to=s[i],s[i+1]; up=(to**2*(fr**2-to**2)/fr**2)**0.5; down=(to**2-up**2)**0.5
print("ancestral up,down",repr(up),repr(down), [repr(v) for v in x+d*(down-fr)+z*up])
# DDIM leading offset 1, N=4, set_alpha_to_one False
N=4; td=(np.arange(0,N)*(T//N)).round()[::-1].astype(np.int64)+1
print("ddim t",list(td))
def ddim(i):
    t=td[i]; p=t-T//N; a=ac[t]; ap=ac[p] if p>=0 else ac[0]
    x0=(x-(1-a)**0.5*e)/a**0.5
    return ap**0.5*x0+(1-ap)**0.5*e
print("ddim i=0",[repr(v) for v in ddim(0)],"i=3",[repr(v) for v in ddim(3)])
# DDIM linspace N=3 rounds: linspace(0,999,3)=[0,499.5,999] -> round half even 500
print("ddim linspace3", np.linspace(0,T-1,3).round()[::-1])
# LCM
S=50;k=T//S; origin=(np.arange(1,S+1)*k-1)[::-1]; idx=np.floor(np.linspace(0,S,num=4,endpoint=False)).astype(int); tl=origin[idx]
print("lcm t",list(tl))
def lcm(i,z):
    t=tl[i]; last=i==3; p=tl[i+1] if not last else t
    a=ac[t]; ap=ac[p]
    c=t*10.0; cs=0.25/(c*c+0.25); co=c/(c*c+0.25)**0.5
    x0=(x-(1-a)**0.5*e)/a**0.5; den=co*x0+cs*x
    return den if last else ap**0.5*den+(1-ap)**0.5*z
print("lcm i=0",[repr(v) for v in lcm(0,z)],"i=3",[repr(v) for v in lcm(3,z)])
# v-prediction euler x0
sgm=s[1]; v=e
print("euler v x0", [repr(q) for q in v*(-sgm/(sgm**2+1)**0.5)+x/(sgm**2+1)])
